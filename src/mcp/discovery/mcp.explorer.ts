import { Inject, Injectable, Logger, type OnModuleInit, type Type } from '@nestjs/common';
import {
  ApplicationConfig,
  DiscoveryService,
  ExternalContextCreator,
  MetadataScanner,
  ModulesContainer,
} from '@nestjs/core';
import type { InstanceWrapper } from '../config/nest-internals.js';
import {
  MCP_CONTEXT_TYPE,
  MCP_MODULE_EXTRAS,
  MCP_PARAM_ARGS_METADATA,
} from '../config/mcp.constants.js';
import { McpMessages } from '../config/mcp.messages.js';
import type { McpModuleExtras } from '../config/mcp-options.interface.js';
import { listMcpServers, modulesClaimedByOthers } from '../server/mcp-servers.js';
import { DEFAULT_MCP_SERVER } from '../server/mcp-server.tokens.js';
import {
  buildPrompt,
  buildResource,
  buildResourceTemplate,
  buildTool,
  type EntrySource,
} from '../registry/entry.factory.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import type { McpHandler } from '../registry/registry.types.js';
import { createDirectHandler } from './direct-handler.factory.js';
import { McpMetadataAccessor } from './mcp-metadata.accessor.js';
import { McpParamsFactory } from './mcp-params.factory.js';
import { QuietExceptionFilters } from './quiet-exception.filters.js';

type Method = (...args: unknown[]) => unknown;

/**
 * Finds `@Tool`, `@Resource`, `@ResourceTemplate` and `@Prompt` methods on the providers this
 * server serves (those of its `include` modules, else of every module no other server
 * includes) at init and registers them. Handlers run through Nest's own pipeline (guards,
 * interceptors, pipes, filters) under the `mcp` context type; one with none of these anywhere
 * is called directly (see createDirectHandler).
 */
@Injectable()
export class McpExplorer implements OnModuleInit {
  private readonly logger = new Logger('McpExplorer');
  private readonly paramsFactory = new McpParamsFactory();
  private readonly filters: QuietExceptionFilters;
  private ready!: () => void;
  /** Resolves once discovery has finished (health and stdio wait on it). */
  readonly whenReady = new Promise<void>((resolve) => (this.ready = resolve));

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: McpMetadataAccessor,
    private readonly contextCreator: ExternalContextCreator,
    private readonly registry: McpRegistry,
    private readonly modules: ModulesContainer,
    @Inject(MCP_MODULE_EXTRAS) private readonly extras: McpModuleExtras,
    private readonly appConfig: ApplicationConfig,
  ) {
    this.filters = new QuietExceptionFilters(contextCreator);
  }

  onModuleInit(): void {
    for (const wrapper of this.providers()) {
      const instance = wrapper.instance as unknown;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      const classRef = instance.constructor as Type<unknown>;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (prototype as Record<string, Method>)[methodName];
        if (!this.isHandler(method)) continue;
        const site = `${classRef.name}#${methodName}`;
        if (!wrapper.isDependencyTreeStatic()) throw new Error(McpMessages.requestScoped(site));
        const moduleKey = wrapper.host?.token ?? this.contextCreator.getContextModuleKey(classRef);
        this.register(instance as Record<string, Method>, classRef, method, {
          methodName,
          site,
          moduleKey,
        });
      }
    }
    this.logger.log(
      `Registered ${this.registry.listTools().length} tools, ${this.registry.listResources().length} resources, ` +
        `${this.registry.listResourceTemplates().length} resource templates, ${this.registry.listPrompts().length} prompts`,
    );
    this.ready();
  }

  /** The providers this server serves. */
  private providers(): InstanceWrapper[] {
    if (this.extras.include) return this.discovery.getProviders({ include: this.extras.include });
    const self = this.extras.name ?? DEFAULT_MCP_SERVER;
    const claimed = modulesClaimedByOthers(listMcpServers(this.modules), self);
    const all = this.discovery.getProviders();
    if (claimed.size === 0) return all;
    return all.filter((w) => !claimed.has(w.host?.metatype as Type));
  }

  private isHandler(method: Method): boolean {
    return Boolean(
      this.accessor.tool(method) ??
      this.accessor.resource(method) ??
      this.accessor.resourceTemplate(method) ??
      this.accessor.prompt(method),
    );
  }

  private register(
    instance: Record<string, Method>,
    classRef: Type<unknown>,
    method: Method,
    { methodName, site, moduleKey }: { methodName: string; site: string; moduleKey: string },
  ): void {
    const src: EntrySource = {
      site,
      // Quiet filters are what the direct path reproduces: rethrow, no Nest ERROR line.
      handler:
        (this.filters.available
          ? createDirectHandler(instance, classRef, method, methodName, this.appConfig)
          : undefined) ?? this.createHandler(instance, methodName, method, moduleKey),
      isPublic: this.accessor.isPublic(method, classRef),
      method,
    };
    const tool = this.accessor.tool(method);
    if (tool) {
      const options = {
        ...tool,
        name: tool.name ?? methodName,
        rateLimit: tool.rateLimit ?? this.accessor.throttle(method),
      };
      this.registry.addTool(
        buildTool(options, src, this.accessor.argsSchema(classRef, methodName)),
      );
    }
    const resource = this.accessor.resource(method);
    if (resource) this.registry.addResource(buildResource(resource, src));
    const template = this.accessor.resourceTemplate(method);
    if (template) this.registry.addResourceTemplate(buildResourceTemplate(template, src));
    const prompt = this.accessor.prompt(method);
    if (prompt)
      this.registry.addPrompt(buildPrompt({ ...prompt, name: prompt.name ?? methodName }, src));
  }

  private createHandler(
    instance: Record<string, Method>,
    methodName: string,
    method: Method,
    moduleKey: string,
  ): McpHandler {
    // Filters are applied by QuietExceptionFilters: same filters, without Nest's ERROR line.
    const quiet = this.filters.available;
    const created = this.contextCreator.create(
      instance,
      method,
      methodName,
      MCP_PARAM_ARGS_METADATA,
      this.paramsFactory,
      undefined,
      undefined,
      { guards: true, interceptors: true, filters: !quiet },
      MCP_CONTEXT_TYPE,
    );
    const run = quiet
      ? this.filters.wrap(created, instance, method, moduleKey, MCP_CONTEXT_TYPE)
      : created;
    return (args, ctx) => run(args, ctx);
  }
}
