/**
 * The Nest module that turns a Nest app into an MCP server: `McpModule`, the decorators,
 * `McpContext`, the registry and notifier, stores, security, health and docs.
 * Explicit named exports only.
 * @module nest-mcp
 */
export { McpModule } from './mcp.module.js';
export { MCP_MODULE_OPTIONS } from './config/mcp.module-definition.js';
export type {
  McpModuleOptions,
  McpModuleExtras,
  McpServerInfo,
  McpIcon,
  McpRouteVersion,
} from './config/mcp-options.interface.js';
export { DEFAULT_MCP_SERVER, getMcpServerToken } from './server/mcp-server.tokens.js';
export { InjectMcpRegistry, InjectMcpNotifier } from './server/inject-mcp.decorators.js';
export { MCP_CONTEXT_TYPE } from './config/mcp.constants.js';

export { Tool } from './decorators/tool.decorator.js';
export type { ToolOptions, McpToolAnnotations } from './decorators/tool-options.interface.js';
export { Resource, type ResourceOptions } from './decorators/resource.decorator.js';
export {
  ResourceTemplate,
  type ResourceTemplateOptions,
} from './decorators/resource-template.decorator.js';
export { Prompt, type PromptOptions, type PromptArgument } from './decorators/prompt.decorator.js';
export type { CompletionHook } from './decorators/completion-hook.type.js';
export { PublicTool } from './decorators/public-tool.decorator.js';
export { Args } from './decorators/args.decorator.js';
export { McpCtx } from './decorators/mcp-ctx.decorator.js';

export {
  McpContext,
  type ElicitFormRequest,
  type ElicitUrlRequest,
  type ElicitResult,
} from './context/mcp-context.js';
export { McpExecutionContext } from './context/mcp-execution-context.js';
export type { McpClientInfo, McpEra } from './context/mcp-exchange.interface.js';
export type { McpRequestHeaders } from './context/request-headers.js';
export { LOG_LEVELS, type LogLevel } from './context/log-level.js';
export { McpError, ErrorCode } from './protocol/mcp.error.js';
export {
  UrlElicitationRequiredError,
  type UrlElicitation,
} from './context/url-elicitation-required.error.js';
export type {
  JsonRpcId,
  JsonRpcMessage,
  JsonRpcRequest,
  JsonRpcNotification,
  JsonRpcResponse,
  JsonRpcResultResponse,
  JsonRpcErrorResponse,
  JsonRpcErrorObject,
} from './protocol/jsonrpc.types.js';

export { McpRegistry, type RuntimeHandler, type RuntimeAccess } from './registry/mcp.registry.js';
export type { ListKind } from './registry/registry.types.js';
export { McpNotifier } from './session/mcp.notifier.js';
export {
  bootstrapStdio,
  type StdioBootstrapOptions,
  type StdioApplication,
} from './transport/stdio/bootstrap-stdio.js';
export type { SchemaSource, JsonSchemaObject, ZodLike } from './schema/schema-source.type.js';

export { SessionStore } from './session/session-store.interface.js';
export type { SessionCreateOutcome, SessionQuotas } from './session/session-store.interface.js';
export type { McpSession } from './session/session.interface.js';
export { EventStore, type StreamMeta } from './session/event-store.interface.js';
export { MessageBus, type BusEvent } from './bus/message-bus.interface.js';
export type { McpRedisClient, McpRedisOptions } from './redis/redis-client.interface.js';
export { MemorySessionStore } from './session/memory-session.store.js';
export { MemoryEventStore } from './session/memory-event.store.js';
export {
  TaskStore,
  MemoryTaskStore,
  TASKS_EXTENSION,
  RELATED_TASK_META,
  type StoredTask,
  type TaskStatus,
  type TaskInputRequest,
} from './tasks/index.js';

export {
  ANONYMOUS_PRINCIPAL,
  LOCAL_PRINCIPAL,
  type McpPrincipal,
} from './security/principal.interface.js';
export type { ClientKey } from './security/client-key.js';

export type { McpSigningOptions } from './config/mcp-options.interface.js';
export { KeyStore } from './security/keys/key-store.interface.js';
export type { McpAgentKey } from './security/keys/agent-key.interface.js';
export type { McpKeyEntry } from './security/keys/key-entry.interface.js';
export { StaticKeyStore } from './security/keys/static-key.store.js';
export { CachingKeyStore, type CachingKeyStoreOptions } from './security/keys/caching-key.store.js';
export { McpKeyRevocation } from './security/keys/key-revocation.service.js';
export { KeyConfigError } from './security/keys/key-config.error.js';
export { ReplayStore } from './security/replay/replay-store.interface.js';
export {
  MemoryReplayStore,
  type MemoryReplayStoreOptions,
} from './security/replay/memory-replay.store.js';
export type { McpSigAlg } from './security/signature/signature.types.js';
export type {
  McpOAuthOptions,
  McpIntrospectionOptions,
} from './security/oauth/oauth-options.interface.js';
export {
  TokenVerifier,
  type McpVerifiedToken,
  type TokenExpectations,
} from './security/oauth/token-verifier.interface.js';
export { InvalidTokenError } from './security/oauth/invalid-token.error.js';
export { JwtTokenVerifier } from './security/oauth/jwt-token.verifier.js';
export { IntrospectionTokenVerifier } from './security/oauth/introspection-token.verifier.js';
export {
  ProtectedResource,
  type ProtectedResourceMetadata,
} from './security/oauth/protected-resource.js';
export { bearerChallenge, type BearerChallengeError } from './security/oauth/bearer-challenge.js';

export {
  McpHealthService,
  McpHealthIndicator,
  type McpHealthOptions,
  type McpReadinessCheck,
  type McpPingableStore,
  type HealthCheckResult,
  type HealthIndicatorResult,
  type HealthIndicatorStatus,
} from './ops/health/index.js';
export {
  McpDocs,
  type McpDocsOptions,
  type DocsManifest,
  type DocsTool,
  type DocsResource,
  type DocsResourceTemplate,
  type DocsPrompt,
  type DocsPromptArgument,
  type DocsAccess,
  type DocsRateLimit,
  type DocsEndpoint,
  type DocsTransport,
} from './ops/docs/index.js';
export {
  McpMetrics,
  type McpMetricsOptions,
  type McpMetricsRegistry,
  type ToolCallOutcome,
} from './ops/metrics/index.js';
export type { McpTelemetryOptions } from './telemetry/index.js';
export type {
  McpRateLimitOptions,
  McpRateRule,
  McpThrottlerStorage,
} from './config/mcp-options.interface.js';
export { MemoryThrottlerStorage } from './security/memory-throttler.storage.js';
