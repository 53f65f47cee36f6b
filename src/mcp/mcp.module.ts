import {
  Inject,
  Module,
  type DynamicModule,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { McpLogger } from './logging/mcp.logger.js';
import { DiscoveryModule, ModulesContainer } from '@nestjs/core';
import { CompletionHandler } from './dispatch/completion.handler.js';
import { McpDispatcher } from './dispatch/mcp.dispatcher.js';
import { PromptsHandler } from './dispatch/prompts.handler.js';
import { ResourcesHandler } from './dispatch/resources.handler.js';
import { ServerCapabilities } from './dispatch/server-capabilities.service.js';
import { ToolsHandler } from './dispatch/tools.handler.js';
import { McpExplorer } from './discovery/mcp.explorer.js';
import { McpMetadataAccessor } from './discovery/mcp-metadata.accessor.js';
import {
  DEFAULT_MAX_SESSIONS,
  DEFAULT_SESSION_IDLE_TTL_MS,
  MCP_CONTROLLERS,
  MCP_MODULE_EXTRAS,
} from './mcp.constants.js';
import {
  McpConfigurableModule,
  MCP_ASYNC_OPTIONS_TYPE,
  MCP_MODULE_OPTIONS,
  MCP_OPTIONS_TYPE,
} from './mcp.module-definition.js';
import type { McpModuleExtras, McpModuleOptions } from './mcp-options.interface.js';
import { assertValidOptions } from './mcp-options.validator.js';
import { McpMessages } from './mcp.messages.js';
import { SessionEraAdapter } from './protocol/session-era/session-era.adapter.js';
import { StatelessEraAdapter } from './protocol/stateless-era/stateless-era.adapter.js';
import { SubscriptionHub } from './protocol/stateless-era/subscription.hub.js';
import { createOpsControllers, OPS_EXPORTS, OPS_PROVIDERS } from './ops.providers.js';
import { McpRegistry } from './registry/mcp.registry.js';
import { AccessChecker } from './security/access.checker.js';
import { HttpDrain } from './transport/http/http-drain.js';
import { SubscriptionGuard } from './security/subscription.guard.js';
import { ConcurrencyLimiter } from './security/concurrency.limiter.js';
import { HostThrottlerOptOut } from './security/host-throttler.opt-out.js';
import { McpRateLimiter } from './security/rate-limiter.js';
import { RequestAuthenticator } from './security/request.authenticator.js';
import { EventStore } from './session/event-store.interface.js';
import { MemoryEventStore } from './session/memory-event.store.js';
import { MemorySessionStore } from './session/memory-session.store.js';
import { PendingReplies } from './session/pending-replies.js';
import { SessionStore } from './session/session-store.interface.js';
import { LiveStreams } from './transport/http/live-streams.registry.js';
import { createLegacySseController } from './transport/http/legacy-sse-controller.factory.js';
import { LegacySseTransport } from './transport/http/legacy-sse.transport.js';
import { createMcpController } from './transport/http/mcp-controller.factory.js';
import { McpHttpTransport } from './transport/http/mcp-http.transport.js';
import { RawBodyInstaller } from './transport/http/raw-body.installer.js';
import { SessionHttpHandler } from './transport/http/session-http.handler.js';
import { McpNotifier } from './transport/http/mcp.notifier.js';
import { StatelessHttpHandler } from './transport/http/stateless-http.handler.js';
import { MemoryTaskStore } from './tasks/memory-task.store.js';
import { TaskStore } from './tasks/task-store.interface.js';
import { TasksHandler } from './tasks/tasks.handler.js';
import { TasksService } from './tasks/tasks.service.js';
import { DEFAULT_MAX_TASKS } from './tasks/tasks.constants.js';

const CORE_PROVIDERS: Provider[] = [
  McpRegistry,
  McpMetadataAccessor,
  McpExplorer,
  ToolsHandler,
  ResourcesHandler,
  PromptsHandler,
  CompletionHandler,
  McpDispatcher,
  ServerCapabilities,
  SessionEraAdapter,
  StatelessEraAdapter,
  { provide: PendingReplies, useValue: new PendingReplies() },
  { provide: LiveStreams, useValue: new LiveStreams() },
  {
    provide: SessionStore,
    inject: [MCP_MODULE_OPTIONS],
    useFactory: (options: McpModuleOptions) => {
      assertValidOptions(options);
      return (
        options.stores?.sessions ??
        new MemorySessionStore(
          options.session?.idleTtlMs ?? DEFAULT_SESSION_IDLE_TTL_MS,
          options.session?.maxSessions ?? DEFAULT_MAX_SESSIONS,
          options.session,
        )
      );
    },
  },
  {
    provide: EventStore,
    inject: [MCP_MODULE_OPTIONS],
    useFactory: (options: McpModuleOptions) => options.stores?.events ?? new MemoryEventStore(),
  },
  {
    provide: TaskStore,
    inject: [MCP_MODULE_OPTIONS],
    useFactory: (options: McpModuleOptions) =>
      options.tasks?.store ?? new MemoryTaskStore(options.tasks?.maxTasks ?? DEFAULT_MAX_TASKS),
  },
  TasksService,
  TasksHandler,
  SessionHttpHandler,
  StatelessHttpHandler,
  McpHttpTransport,
  RawBodyInstaller,
  McpNotifier,
  SubscriptionHub,
  LegacySseTransport,
  RequestAuthenticator,
  AccessChecker,
  HttpDrain,
  SubscriptionGuard,
  McpRateLimiter,
  ConcurrencyLimiter,
  HostThrottlerOptOut,
  ...OPS_PROVIDERS,
];

/**
 * Turns the app into an MCP server: tools, resources and prompts are found on any provider,
 * and the Streamable HTTP endpoint serves both protocol eras.
 * @example
 * @Module({ imports: [McpModule.forRoot({ serverInfo: { name: 'orders', version: '1.0.0' } })] })
 * export class AppModule {}
 */
@Module({
  imports: [DiscoveryModule],
  providers: CORE_PROVIDERS,
  exports: [
    McpRegistry,
    SessionStore,
    EventStore,
    TaskStore,
    McpNotifier,
    McpRateLimiter,
    ...OPS_EXPORTS,
  ],
})
export class McpModule extends McpConfigurableModule implements OnModuleInit {
  constructor(
    private readonly modules: ModulesContainer,
    @Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions,
  ) {
    super();
    McpLogger.useJson(options.logging?.json === true);
  }

  static forRoot(options: typeof MCP_OPTIONS_TYPE): DynamicModule {
    return McpModule.withEndpoint(super.forRoot(options), options);
  }

  static forRootAsync(options: typeof MCP_ASYNC_OPTIONS_TYPE): DynamicModule {
    return McpModule.withEndpoint(super.forRootAsync(options), options);
  }

  private static withEndpoint(base: DynamicModule, extras: McpModuleExtras): DynamicModule {
    const path = extras.path ?? 'mcp';
    const legacy =
      extras.legacySse === false
        ? undefined
        : { ssePath: 'sse', messagesPath: 'messages', ...extras.legacySse };
    const controllers = [createMcpController(path)];
    if (legacy) controllers.push(createLegacySseController(legacy.ssePath, legacy.messagesPath));
    const resolved: McpModuleExtras = {
      ...pickExtras(extras),
      path,
      isGlobal: extras.isGlobal ?? true,
      legacySse: legacy ?? false,
    };
    return {
      ...base,
      controllers: [...(base.controllers ?? []), ...controllers, ...createOpsControllers(extras)],
      providers: [
        ...(base.providers ?? []),
        { provide: MCP_MODULE_EXTRAS, useValue: resolved },
        { provide: MCP_CONTROLLERS, useValue: controllers },
      ],
    };
  }

  onModuleInit(): void {
    const registrations = [...this.modules.values()].filter((m) => m.metatype === McpModule).length;
    if (registrations > 1) throw new Error(McpMessages.duplicateRegistration());
  }
}

/** The route-shaping extras of the options (the rest of the options object is not kept here). */
function pickExtras(extras: McpModuleExtras): McpModuleExtras {
  const { path, isGlobal, legacySse, health, docs, metrics } = extras;
  return { path, isGlobal, legacySse, health, docs, metrics };
}
