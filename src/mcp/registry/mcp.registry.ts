import { Injectable } from '@nestjs/common';
import type { PromptOptions } from '../decorators/prompt.decorator.js';
import type { ResourceOptions } from '../decorators/resource.decorator.js';
import type { ResourceTemplateOptions } from '../decorators/resource-template.decorator.js';
import type { ToolOptions } from '../decorators/tool-options.interface.js';
import type { McpContext } from '../context/mcp-context.js';
import { McpMessages } from '../config/mcp.messages.js';
import { buildPrompt, buildResource, buildResourceTemplate, buildTool } from './entry.factory.js';
import type {
  ListKind,
  RegisteredPrompt,
  RegisteredResource,
  RegisteredResourceTemplate,
  RegisteredTool,
} from './registry.types.js';

type Listener = (kind: ListKind) => void;

/**
 * A handler added at run time: receives the validated arguments and the call context. `A` is
 * what the entry's schema validates (the arguments, the template's variables, or `{ uri }`).
 */
export type RuntimeHandler<A = Record<string, unknown>> = (args: A, ctx: McpContext) => unknown;
/** Access of a runtime entry: `public` lets anonymous callers use it. */
export interface RuntimeAccess {
  public?: boolean;
}

/** Insert into a Map keyed by name, refusing duplicates with both sites named. */
function addUnique<T extends { source: string }>(
  map: Map<string, T>,
  kind: string,
  key: string,
  entry: T,
): void {
  const existing = map.get(key);
  if (existing)
    throw new Error(McpMessages.duplicateName(kind, key, existing.source, entry.source));
  map.set(key, entry);
}

/** Sorted once per change, so every list call reads a ready array (deterministic order). */
function sorted<T>(map: Map<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/**
 * Every tool, resource, template and prompt the server offers, found at boot or added at run
 * time. Changes notify listeners (list_changed to clients of both eras).
 */
@Injectable()
export class McpRegistry {
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly resources = new Map<string, RegisteredResource>();
  private readonly templates = new Map<string, RegisteredResourceTemplate>();
  private readonly prompts = new Map<string, RegisteredPrompt>();
  private readonly listeners = new Set<Listener>();
  private readonly cache = new Map<ListKind, unknown[]>();

  /** @internal */
  addTool(tool: RegisteredTool): void {
    addUnique(this.tools, 'tool', tool.definition.name, tool);
    this.changed('tools');
  }

  /** @internal */
  addResource(resource: RegisteredResource): void {
    addUnique(this.resources, 'resource', resource.definition.uri, resource);
    this.changed('resources');
  }

  /** @internal */
  addResourceTemplate(template: RegisteredResourceTemplate): void {
    addUnique(this.templates, 'resource template', template.definition.uriTemplate, template);
    this.changed('resourceTemplates');
  }

  /** @internal */
  addPrompt(prompt: RegisteredPrompt): void {
    addUnique(this.prompts, 'prompt', prompt.definition.name, prompt);
    this.changed('prompts');
  }

  /**
   * Adds a tool at run time (clients are told through list_changed).
   * @example
   * registry.registerTool({ name: 'echo', inputSchema: { type: 'object' } }, (args) => JSON.stringify(args), { public: true });
   */
  registerTool<A = Record<string, unknown>>(
    options: ToolOptions & { name: string },
    handler: RuntimeHandler<A>,
    access: RuntimeAccess = {},
  ): void {
    this.addTool(buildTool(options, this.source(handler, access)));
  }

  /** Adds a resource at run time (clients are told through list_changed). */
  registerResource<A = Record<string, unknown>>(
    options: ResourceOptions,
    handler: RuntimeHandler<A>,
    access: RuntimeAccess = {},
  ): void {
    this.addResource(buildResource(options, this.source(handler, access)));
  }

  /** Adds a resource template at run time (clients are told through list_changed). */
  registerResourceTemplate<A = Record<string, unknown>>(
    options: ResourceTemplateOptions,
    handler: RuntimeHandler<A>,
    access: RuntimeAccess = {},
  ): void {
    this.addResourceTemplate(buildResourceTemplate(options, this.source(handler, access)));
  }

  /** Adds a prompt at run time (clients are told through list_changed). */
  registerPrompt<A = Record<string, unknown>>(
    options: PromptOptions & { name: string },
    handler: RuntimeHandler<A>,
    access: RuntimeAccess = {},
  ): void {
    this.addPrompt(buildPrompt(options, this.source(handler, access)));
  }

  /** Removes an entry by name (or URI / URI template); true when something was removed. */
  remove(kind: ListKind, key: string): boolean {
    const removed = this.mapOf(kind).delete(key);
    if (removed) this.changed(kind);
    return removed;
  }

  /** @internal */
  getTool(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  /** @internal */
  getResource(uri: string): RegisteredResource | undefined {
    return this.resources.get(uri);
  }

  /** @internal */
  getPrompt(name: string): RegisteredPrompt | undefined {
    return this.prompts.get(name);
  }

  /** @internal The first template (in sorted order) whose pattern matches the URI. */
  matchTemplate(
    uri: string,
  ): { template: RegisteredResourceTemplate; variables: Record<string, string> } | undefined {
    for (const template of this.listResourceTemplates()) {
      const variables = template.match(uri);
      if (variables) return { template, variables };
    }
    return undefined;
  }

  /** @internal */
  getResourceTemplate(uriTemplate: string): RegisteredResourceTemplate | undefined {
    return this.templates.get(uriTemplate);
  }

  /** @internal */
  listTools(): readonly RegisteredTool[] {
    return this.cached('tools', () => sorted(this.tools));
  }

  /** @internal */
  listResources(): readonly RegisteredResource[] {
    return this.cached('resources', () => sorted(this.resources));
  }

  /** @internal */
  listResourceTemplates(): readonly RegisteredResourceTemplate[] {
    return this.cached('resourceTemplates', () => sorted(this.templates));
  }

  /** @internal */
  listPrompts(): readonly RegisteredPrompt[] {
    return this.cached('prompts', () => sorted(this.prompts));
  }

  /** @internal Subscribes to list changes; returns the unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private source<A>(
    handler: RuntimeHandler<A>,
    access: RuntimeAccess,
  ): { site: string; handler: (a: unknown, c: McpContext) => Promise<unknown>; isPublic: boolean } {
    return {
      site: 'runtime',
      // The entry's compiled schema has validated `args` before any handler runs.
      handler: async (args, ctx) => handler(args as A, ctx),
      isPublic: access.public === true,
    };
  }

  private mapOf(kind: ListKind): Map<string, unknown> {
    const maps = {
      tools: this.tools,
      resources: this.resources,
      resourceTemplates: this.templates,
      prompts: this.prompts,
    };
    return maps[kind];
  }

  private cached<T>(kind: ListKind, build: () => T[]): readonly T[] {
    let list = this.cache.get(kind) as T[] | undefined;
    if (!list) this.cache.set(kind, (list = build()));
    return list;
  }

  private changed(kind: ListKind): void {
    this.cache.delete(kind);
    for (const listener of this.listeners) listener(kind);
  }
}
