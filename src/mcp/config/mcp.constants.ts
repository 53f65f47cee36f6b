/** Metadata keys, namespaced so they never clash with the host app's own. */
export const MCP_TOOL_METADATA = 'mcp:tool';
export const MCP_RESOURCE_METADATA = 'mcp:resource';
export const MCP_RESOURCE_TEMPLATE_METADATA = 'mcp:resource-template';
export const MCP_PROMPT_METADATA = 'mcp:prompt';
export const MCP_PUBLIC_METADATA = 'mcp:public';
export const MCP_PARAM_ARGS_METADATA = 'mcp:param-args';

/** The custom execution-context type guards and interceptors see (`context.getType()`). */
export const MCP_CONTEXT_TYPE = 'mcp';

/** Session-era protocol versions, oldest first. */
export const SESSION_ERA_VERSIONS = [
  '2024-11-05',
  '2025-03-26',
  '2025-06-18',
  '2025-11-25',
] as const;
/** Stateless-era protocol versions, oldest first. */
export const STATELESS_ERA_VERSIONS = ['2026-07-28'] as const;
/** Every version this server speaks. */
export const ALL_VERSIONS = [...SESSION_ERA_VERSIONS, ...STATELESS_ERA_VERSIONS] as const;
export const LATEST_SESSION_VERSION = '2025-11-25';
/** The first session-era version with tasks. */
export const FIRST_SESSION_TASKS_VERSION = '2025-11-25';

export const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
export const META_CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
export const META_LOG_LEVEL = 'io.modelcontextprotocol/logLevel';
export const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_SESSION_IDLE_TTL_MS = 30 * 60_000;
export const DEFAULT_MAX_SESSIONS = 10_000;
/** A finished request stream stays resumable this long, then its events are dropped. */
export const DEFAULT_FINISHED_STREAM_GRACE_MS = 60_000;
export const DEFAULT_SSE_HEARTBEAT_MS = 20_000;
export const DEFAULT_SSE_RETRY_MS = 1_000;
export const DEFAULT_MAX_SSE_BUFFER_BYTES = 1024 * 1024;
export const DEFAULT_SSE_MAX_LIFETIME_MS = 30 * 60_000;

/** Injection token of the controllers this registration serves (for metadata other libraries read). */
export const MCP_CONTROLLERS = Symbol('MCP_CONTROLLERS');

/** Injection token of the import-time extras (path, isGlobal). */
export const MCP_MODULE_EXTRAS = Symbol('MCP_MODULE_EXTRAS');
