import {
  Inject,
  Module,
  type DynamicModule,
  type OnModuleInit,
  type Provider,
  type Type,
} from '@nestjs/common';
import { McpLogger } from './logging/mcp.logger.js';
import { ApplicationConfig, DiscoveryModule, ModulesContainer } from '@nestjs/core';
import { CompletionHandler } from './dispatch/completion.handler.js';
import { McpDispatcher } from './dispatch/mcp.dispatcher.js';
import { PromptsHandler } from './dispatch/prompts.handler.js';
import { ResourcesHandler } from './dispatch/resources.handler.js';
import { ServerCapabilities } from './dispatch/server-capabilities.service.js';
import { ToolsHandler } from './dispatch/tools.handler.js';
import { resolveOpsSettings } from './config/routes.settings.js';
import { ToolInvoker } from './dispatch/tool.invoker.js';
import { TASK_TOOL_RUNNER } from './tasks/task-tool.runner.js';
import { McpExplorer } from './discovery/mcp.explorer.js';
import { McpMetadataAccessor } from './discovery/mcp-metadata.accessor.js';
import {
  DEFAULT_MAX_SESSIONS,
  DEFAULT_SESSION_IDLE_TTL_MS,
  MCP_CONTROLLERS,
  MCP_MODULE_EXTRAS,
} from './config/mcp.constants.js';
import {
  McpConfigurableModule,
  MCP_ASYNC_OPTIONS_TYPE,
  MCP_MODULE_OPTIONS,
  MCP_OPTIONS_TYPE,
} from './config/mcp.module-definition.js';
import type { McpModuleExtras, McpModuleOptions } from './config/mcp-options.interface.js';
import { assertValidOptions } from './config/mcp-options.validator.js';
import { VERSION_METADATA } from './config/nest-internals.js';
import { RoutePaths } from './config/route-paths.js';
import { assertDistinctServers, listMcpServers } from './server/mcp-servers.js';
import { DEFAULT_MCP_SERVER } from './server/mcp-server.tokens.js';
import { namedServerDefaults, serverExports } from './server/server-exports.js';
import { SessionEraAdapter } from './era/session-era/session-era.adapter.js';
import { StatelessEraAdapter } from './era/stateless-era/stateless-era.adapter.js';
import { SubscriptionHub } from './era/stateless-era/subscription.hub.js';
import { createOpsControllers, OPS_EXPORTS, OPS_PROVIDERS } from './ops/ops.providers.js';
import { McpRegistry } from './registry/mcp.registry.js';
import { AccessChecker } from './security/access.checker.js';
import { HttpDrain } from './transport/http/http-drain.js';
import { SubscriptionGuard } from './security/subscription.guard.js';
import { ConcurrencyLimiter } from './security/concurrency.limiter.js';
import { HostThrottlerOptOut } from './security/host-throttler.opt-out.js';
import { McpRateLimiter } from './security/rate-limiter.js';
import { RequestAuthenticator } from './security/request.authenticator.js';
import { AuthChallenges } from './security/auth.challenges.js';
import { OAUTH_PROVIDERS } from './security/oauth/oauth.providers.js';
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
import { HttpAuthGate } from './transport/http/http-auth.gate.js';
import { HTTP_SETTINGS, resolveHttpSettings } from './transport/http/http-settings.js';
import { RawBodyInstaller } from './transport/http/raw-body.installer.js';
import { SessionHttpHandler } from './transport/http/session-http.handler.js';
import { McpNotifier } from './session/mcp.notifier.js';
import { SessionConnectionCore } from './connection/session-connection.core.js';
import { MessageBus } from './bus/message-bus.interface.js';
import { MemoryMessageBus } from './bus/memory-message.bus.js';
import { SessionOutbox } from './session/session.outbox.js';
import { StreamRelay } from './transport/http/stream.relay.js';
import { MCP_REDIS } from './redis/redis.token.js';
import { MCP_THROTTLER_STORAGE } from './security/throttler-storage.token.js';
import type { RedisBackend } from './redis/redis.backend.js';
import { ReplayStore } from './security/replay/replay-store.interface.js';
import { McpKeyRevocation } from './security/keys/key-revocation.service.js';
import { StatelessHttpHandler } from './transport/http/stateless-http.handler.js';
import { MemoryTaskStore } from './tasks/memory-task.store.js';
import { TaskStore } from './tasks/task-store.interface.js';
import { TasksHandler } from './tasks/tasks.handler.js';
import { TasksService } from './tasks/tasks.service.js';
import { DEFAULT_MAX_TASKS } from './tasks/tasks.constants.js';
import { McpTelemetry } from './telemetry/mcp-telemetry.service.js';

const CORE_PROVIDERS: Provider[] = [
  McpRegistry,
  McpMetadataAccessor,
  McpExplorer,
  ToolsHandler,
  ToolInvoker,
  { provide: TASK_TOOL_RUNNER, useExisting: ToolInvoker },
  ResourcesHandler,
  PromptsHandler,
  CompletionHandler,
  McpDispatcher,
  ServerCapabilities,
  SessionEraAdapter,
  StatelessEraAdapter,
  McpTelemetry,
  { provide: PendingReplies, useValue: new PendingReplies() },
  { provide: LiveStreams, useValue: new LiveStreams() },
  {
    provide: MessageBus,
    inject: [MCP_MODULE_OPTIONS, MCP_REDIS],
    useFactory: (options: McpModuleOptions, redis: RedisBackend | null) =>
      options.stores?.bus ?? redis?.bus ?? new MemoryMessageBus(),
  },
  SessionOutbox,
  SessionConnectionCore,
  McpKeyRevocation,
  StreamRelay,
  {
    // The Redis code (and ioredis) is loaded only when the `redis` option asks for it.
    provide: MCP_REDIS,
    inject: [MCP_MODULE_OPTIONS, MCP_MODULE_EXTRAS],
    useFactory: async (
      options: McpModuleOptions,
      extras: McpModuleExtras,
    ): Promise<RedisBackend | null> => {
      assertValidOptions(options);
      if (!options.redis) return null;
      const { RedisBackend } = await import('./redis/redis.backend.js');
      // Each server of the app keeps its own keys and bus channel unless told otherwise.
      const name = extras.name ?? DEFAULT_MCP_SERVER;
      const keyPrefix =
        options.redis.keyPrefix ?? (name === DEFAULT_MCP_SERVER ? 'mcp:' : `mcp:${name}:`);
      return RedisBackend.open(
        { ...options.redis, keyPrefix },
        {
          idleTtlMs: options.session?.idleTtlMs ?? DEFAULT_SESSION_IDLE_TTL_MS,
          maxSessions: options.session?.maxSessions ?? DEFAULT_MAX_SESSIONS,
          maxTasks: options.tasks?.maxTasks ?? DEFAULT_MAX_TASKS,
          quotas: options.session,
        },
      );
    },
  },
  {
    provide: SessionStore,
    inject: [MCP_MODULE_OPTIONS, MCP_REDIS],
    useFactory: (options: McpModuleOptions, redis: RedisBackend | null) =>
      options.stores?.sessions ??
      redis?.sessions ??
      new MemorySessionStore(
        options.session?.idleTtlMs ?? DEFAULT_SESSION_IDLE_TTL_MS,
        options.session?.maxSessions ?? DEFAULT_MAX_SESSIONS,
        options.session,
      ),
  },
  {
    provide: EventStore,
    inject: [MCP_MODULE_OPTIONS, MCP_REDIS],
    useFactory: (options: McpModuleOptions, redis: RedisBackend | null) =>
      options.stores?.events ?? redis?.events ?? new MemoryEventStore(),
  },
  {
    provide: TaskStore,
    inject: [MCP_MODULE_OPTIONS, MCP_REDIS],
    useFactory: (options: McpModuleOptions, redis: RedisBackend | null) =>
      options.tasks?.store ??
      redis?.tasks ??
      new MemoryTaskStore(options.tasks?.maxTasks ?? DEFAULT_MAX_TASKS),
  },
  {
    provide: ReplayStore,
    inject: [MCP_REDIS],
    useFactory: (redis: RedisBackend | null) => redis?.replay ?? null,
  },
  {
    provide: MCP_THROTTLER_STORAGE,
    inject: [MCP_REDIS],
    useFactory: (redis: RedisBackend | null) => redis?.throttler ?? null,
  },
  TasksService,
  TasksHandler,
  SessionHttpHandler,
  StatelessHttpHandler,
  McpHttpTransport,
  HttpAuthGate,
  {
    provide: HTTP_SETTINGS,
    inject: [MCP_MODULE_OPTIONS],
    useFactory: resolveHttpSettings,
  },
  RawBodyInstaller,
  McpNotifier,
  SubscriptionHub,
  LegacySseTransport,
  RequestAuthenticator,
  AuthChallenges,
  ...OAUTH_PROVIDERS,
  AccessChecker,
  HttpDrain,
  SubscriptionGuard,
  McpRateLimiter,
  ConcurrencyLimiter,
  HostThrottlerOptOut,
  ...OPS_PROVIDERS,
];

/** What the default server exports under the plain class tokens. */
const SERVER_EXPORTS: (Type | symbol)[] = [
  McpRegistry,
  SessionStore,
  EventStore,
  TaskStore,
  McpNotifier,
  MessageBus,
  McpKeyRevocation,
  ...OPS_EXPORTS,
];

/**
 * Turns the app into an MCP server: tools, resources and prompts are found on any provider,
 * and the Streamable HTTP endpoint serves both protocol eras. Register it again with a `name`,
 * a `path` and `include` for more servers in the same app.
 * @example
 * @Module({ imports: [McpModule.forRoot({ serverInfo: { name: 'orders', version: '1.0.0' } })] })
 * export class AppModule {}
 */
@Module({
  imports: [DiscoveryModule],
  providers: CORE_PROVIDERS,
})
export class McpModule extends McpConfigurableModule implements OnModuleInit {
  /** @internal */
  constructor(
    private readonly modules: ModulesContainer,
    @Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions,
  ) {
    super();
    McpLogger.useJson(options.logging?.json === true);
  }

  /** Registers the server with fixed options (see the README's configuration table). */
  static forRoot(options: typeof MCP_OPTIONS_TYPE): DynamicModule {
    return McpModule.withEndpoint(super.forRoot(options), options);
  }

  /**
   * Registers the server with options from a factory (`imports`, `useFactory`, `inject`); the
   * route-shaping options (`path`, `legacySse`, `health`, `docs`, `metrics`, `isGlobal`) sit
   * beside it, since routes exist before any factory runs.
   */
  static forRootAsync(options: typeof MCP_ASYNC_OPTIONS_TYPE): DynamicModule {
    return McpModule.withEndpoint(super.forRootAsync(options), options);
  }

  private static withEndpoint(base: DynamicModule, given: McpModuleExtras): DynamicModule {
    const name = given.name ?? DEFAULT_MCP_SERVER;
    const extras = namedServerDefaults(given);
    // Every route resolved once, in one place (defaults included).
    const routes = resolveOpsSettings(extras);
    const path = routes.mcpPath;
    const legacy = routes.legacySse;
    const controllers = [createMcpController(path)];
    if (legacy) controllers.push(createLegacySseController(legacy.ssePath, legacy.messagesPath));
    const resolved: McpModuleExtras = {
      ...pickExtras(extras),
      name,
      path,
      isGlobal: extras.isGlobal ?? true,
      legacySse: legacy ?? false,
    };
    const allControllers = [...controllers, ...createOpsControllers(resolved)];
    if (extras.version !== undefined)
      for (const controller of allControllers)
        Reflect.defineMetadata(VERSION_METADATA, extras.version, controller);
    const { aliases, exports } = serverExports(name, SERVER_EXPORTS);
    return {
      ...base,
      controllers: [...(base.controllers ?? []), ...allControllers],
      providers: [
        ...(base.providers ?? []),
        ...aliases,
        { provide: MCP_MODULE_EXTRAS, useValue: resolved },
        { provide: MCP_CONTROLLERS, useValue: controllers },
        {
          provide: RoutePaths,
          inject: [ApplicationConfig, ModulesContainer],
          useFactory: (config: ApplicationConfig, modules: ModulesContainer) =>
            new RoutePaths(config, modules, McpModule, extras.version),
        },
      ],
      exports: [...(base.exports ?? []), ...exports],
    };
  }

  /** @internal */
  onModuleInit(): void {
    assertDistinctServers(listMcpServers(this.modules));
  }
}

/** The route-shaping extras of the options (the rest of the options object is not kept here). */
function pickExtras(extras: McpModuleExtras): McpModuleExtras {
  const { path, isGlobal, legacySse, health, docs, metrics, include, version } = extras;
  return { path, isGlobal, legacySse, health, docs, metrics, include, version };
}
