import UriTemplate from 'uri-templates';
import type { PromptOptions } from '../decorators/prompt.decorator.js';
import type { ResourceOptions } from '../decorators/resource.decorator.js';
import type { ResourceTemplateOptions } from '../decorators/resource-template.decorator.js';
import type { ToolOptions } from '../decorators/tool-options.interface.js';
import { McpMessages } from '../config/mcp.messages.js';
import { compileSchema, EMPTY_OBJECT_SCHEMA } from '../schema/schema.compiler.js';
import type { CompiledSchema, SchemaSource } from '../schema/schema-source.type.js';
import type {
  AccessPolicy,
  McpHandler,
  RegisteredPrompt,
  RegisteredResource,
  RegisteredResourceTemplate,
  RegisteredTool,
  ToolDefinition,
} from './registry.types.js';

const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** Drops undefined fields so wire objects carry only what was declared. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function compileAt(site: string, source: SchemaSource): CompiledSchema {
  try {
    return compileSchema(source);
  } catch (error) {
    throw new Error(McpMessages.invalidSchema(site, (error as Error).message));
  }
}

/** Access policy from decorator options; a public write entry is a configuration error. */
export function buildPolicy(
  site: string,
  isPublic: boolean,
  options: ToolOptions = {},
): AccessPolicy {
  const access = options.access ?? 'read';
  if (isPublic && access === 'write') {
    throw new Error(
      McpMessages.invalidOption(
        'access',
        `of ${site} is 'write' while @PublicTool() is set: a write tool can never be anonymous`,
      ),
    );
  }
  if (isPublic && options.requireSignature) {
    throw new Error(
      McpMessages.invalidOption(
        'requireSignature',
        `of ${site} is set while @PublicTool() is set: a tool for signed agents only cannot be anonymous`,
      ),
    );
  }
  return Object.freeze({
    public: isPublic,
    access,
    scopes: Object.freeze([...(options.scopes ?? [])]),
    roles: Object.freeze([...(options.roles ?? [])]),
    maxSignatureAgeSec: options.maxSignatureAgeSec,
    ...(options.requireSignature ? { requireSignature: true } : {}),
    rateLimit: options.rateLimit,
  });
}

export interface EntrySource {
  site: string;
  handler: McpHandler;
  isPublic: boolean;
  method?: object;
}

export function buildTool(
  options: ToolOptions & { name: string },
  src: EntrySource,
  argsType?: SchemaSource,
): RegisteredTool {
  if (!TOOL_NAME.test(options.name))
    throw new Error(McpMessages.invalidToolName(options.name, src.site));
  const inputSource = options.inputSchema ?? argsType;
  const input = inputSource ? compileAt(src.site, inputSource) : EMPTY_OBJECT_SCHEMA;
  const output = options.outputSchema ? compileAt(src.site, options.outputSchema) : undefined;
  const definition: ToolDefinition = defined({
    name: options.name,
    title: options.title,
    description: options.description,
    inputSchema: input.jsonSchema,
    outputSchema: output?.jsonSchema,
    annotations: options.annotations,
    icons: options.icons,
    execution: options.execution,
    _meta: options._meta,
  });
  return {
    definition,
    input,
    output,
    policy: buildPolicy(src.site, src.isPublic, options),
    handler: src.handler,
    source: src.site,
    method: src.method,
  };
}

export function buildResource(options: ResourceOptions, src: EntrySource): RegisteredResource {
  return {
    definition: defined({ ...options }),
    policy: buildPolicy(src.site, src.isPublic),
    handler: src.handler,
    source: src.site,
    method: src.method,
  };
}

/** Variables of simple `{var}` expressions: RFC 6570 encodes `/ ? #` in them, so a match may not span them. */
function simpleVariables(uriTemplate: string): Set<string> {
  const names = new Set<string>();
  for (const [, operator, list] of uriTemplate.matchAll(/\{([+#./;?&]?)([^}]+)\}/g)) {
    if (operator === '')
      for (const v of list.split(',')) names.add(v.replace(/[*]|:\d+$/g, '').trim());
  }
  return names;
}

export function buildResourceTemplate(
  options: ResourceTemplateOptions,
  src: EntrySource,
): RegisteredResourceTemplate {
  const { complete, ...wire } = options;
  const template = UriTemplate(options.uriTemplate);
  const simple = simpleVariables(options.uriTemplate);
  const match = (uri: string): Record<string, string> | undefined => {
    const vars = template.fromUri(uri);
    if (!vars) return undefined;
    for (const name of simple) if (!vars[name] || /[/?#]/.test(vars[name])) return undefined;
    return vars;
  };
  return {
    definition: defined(wire),
    match,
    complete: complete ?? {},
    policy: buildPolicy(src.site, src.isPublic),
    handler: src.handler,
    source: src.site,
    method: src.method,
  };
}

export function buildPrompt(
  options: PromptOptions & { name: string },
  src: EntrySource,
): RegisteredPrompt {
  const { complete, ...wire } = options;
  return {
    definition: defined(wire),
    complete: complete ?? {},
    policy: buildPolicy(src.site, src.isPublic),
    handler: src.handler,
    source: src.site,
    method: src.method,
  };
}
