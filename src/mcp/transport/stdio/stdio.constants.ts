/** Same default as the MCP TypeScript SDK's stdio `ReadBuffer`. */
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** A `Content-Length` header block is a few dozen bytes; anything near this is not one. */
export const MAX_HEADER_BLOCK_BYTES = 8 * 1024;

/** JSON-RPC 2.0 "Parse error", sent with `id: null` for input that never became a message. */
export const JSON_RPC_PARSE_ERROR = -32700;

export const LF = 0x0a;
export const CR = 0x0d;

/** How long SIGTERM waits for running requests before the process exits anyway. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;

/** Same default as the HTTP transport's `clientRequestTimeoutMs`. */
export const DEFAULT_CLIENT_REQUEST_TIMEOUT_MS = 5 * 60_000;
