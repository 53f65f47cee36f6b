import { IntrinsicException } from '@nestjs/common';

/** JSON-RPC / MCP error codes used on the wire. */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** Transport-level rejections (bad headers, origin, sizes) — SDK convention. */
  ServerError: -32000,
  SessionNotFound: -32001,
  ResourceNotFound: -32002,
  UrlElicitationRequired: -32042,
  /** Signature errors (docs/signing.md §6, implementation-defined range). */
  InvalidSignatureRequest: -32010,
  Unauthorized: -32011,
  Forbidden: -32012,
  RateLimited: -32013,
  Unavailable: -32014,
  HeaderMismatch: -32020,
  MissingCapability: -32021,
  UnsupportedVersion: -32022,
} as const;

/**
 * A protocol error: becomes a JSON-RPC error object (and, over HTTP, the given status).
 * Throw it from a handler to answer with a JSON-RPC error instead of an `isError` result.
 * Intrinsic to Nest: an answer to the client, not a server failure, so Nest's exception
 * handler does not log it.
 */
export class McpError extends IntrinsicException {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
    readonly httpStatus?: number,
    /** Extra HTTP headers of the answer (e.g. `WWW-Authenticate` on 401/403). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'McpError';
  }

  /** The JSON-RPC `error` object this error is sent as. */
  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

/**
 * A request the server cannot serve as sent: a malformed envelope, a stale or forged request
 * state, an unknown task handle, a client capability the request needs but never declared.
 * Semantic only: the HTTP edge decides what it means on the wire per era (a JSON-RPC error on
 * 200 in the session era; the HTTP answer itself, 400, in the stateless era).
 */
export class McpRequestError extends McpError {
  constructor(code: number, message: string, data?: unknown) {
    super(code, message, data);
    this.name = 'McpRequestError';
  }
}
