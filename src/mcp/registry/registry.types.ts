import type { McpToolAnnotations } from '../decorators/tool-options.interface.js';
import type { PromptOptions } from '../decorators/prompt.decorator.js';
import type { ResourceOptions } from '../decorators/resource.decorator.js';
import type { ResourceTemplateOptions } from '../decorators/resource-template.decorator.js';
import type { CompletionHook } from '../decorators/completion-hook.type.js';
import type { McpIcon } from '../config/mcp-options.interface.js';
import type { CompiledSchema, JsonSchemaObject } from '../schema/schema-source.type.js';
import type { McpContext } from '../context/mcp-context.js';

/** Who may use an entry (checked again on every call, never only at list time). */
export interface AccessPolicy {
  public: boolean;
  access: 'read' | 'write';
  scopes: readonly string[];
  roles: readonly string[];
  maxSignatureAgeSec?: number;
  /** Signed agents only: bearer tokens are refused. */
  requireSignature?: boolean;
  rateLimit?: { limit: number; ttlMs: number };
}

/** A handler as the registry calls it: validated arguments in, the user's return value out. */
export type McpHandler = (args: unknown, ctx: McpContext) => Promise<unknown>;

/** Tool as listed on the wire. */
export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema: JsonSchemaObject;
  outputSchema?: JsonSchemaObject;
  annotations?: McpToolAnnotations;
  icons?: McpIcon[];
  execution?: { taskSupport?: 'forbidden' | 'optional' | 'required' };
  _meta?: Record<string, unknown>;
}

export interface RegisteredTool {
  readonly definition: ToolDefinition;
  readonly input: CompiledSchema;
  readonly output?: CompiledSchema;
  readonly policy: AccessPolicy;
  readonly handler: McpHandler;
  /** `Class#method`, or `runtime` for tools added through the registry API. */
  readonly source: string;
  /** The decorated method, for metadata other libraries read (absent for runtime entries). */
  readonly method?: object;
}

/** Resource as listed on the wire: exactly what `@Resource()` declares. */
export type ResourceDefinition = ResourceOptions;

export interface RegisteredResource {
  readonly definition: ResourceDefinition;
  readonly policy: AccessPolicy;
  readonly handler: McpHandler;
  readonly source: string;
  /** The decorated method, for metadata other libraries read (absent for runtime entries). */
  readonly method?: object;
}

/** Template as listed on the wire: its declaration less the completion hooks. */
export type ResourceTemplateDefinition = Omit<ResourceTemplateOptions, 'complete'>;

export interface RegisteredResourceTemplate {
  readonly definition: ResourceTemplateDefinition;
  /** Returns the template's variables when the URI matches, else undefined. */
  readonly match: (uri: string) => Record<string, string> | undefined;
  readonly complete: Record<string, CompletionHook>;
  readonly policy: AccessPolicy;
  readonly handler: McpHandler;
  readonly source: string;
  /** The decorated method, for metadata other libraries read (absent for runtime entries). */
  readonly method?: object;
}

/** Prompt as listed on the wire: its declaration less the completion hooks, name resolved. */
export type PromptDefinition = Omit<PromptOptions, 'complete' | 'name'> & { name: string };

export interface RegisteredPrompt {
  readonly definition: PromptDefinition;
  readonly complete: Record<string, CompletionHook>;
  readonly policy: AccessPolicy;
  readonly handler: McpHandler;
  readonly source: string;
  /** The decorated method, for metadata other libraries read (absent for runtime entries). */
  readonly method?: object;
}

/** The four lists a server offers; the `kind` of `McpRegistry.remove()`. */
export type ListKind = 'tools' | 'resources' | 'resourceTemplates' | 'prompts';
