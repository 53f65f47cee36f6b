import type { McpEra } from '../../protocol/era.js';
import { ErrorCode, type McpError, McpRequestError } from '../../protocol/mcp.error.js';

/** Stateless-era errors that refuse the request itself (Streamable HTTP, 2026-07-28): 400. */
const STATELESS_BAD_REQUEST: ReadonlySet<number> = new Set([
  ErrorCode.ParseError,
  ErrorCode.HeaderMismatch,
  ErrorCode.MissingCapability,
  ErrorCode.UnsupportedVersion,
]);

/**
 * The one place a protocol error becomes an HTTP status, by era. The core throws semantic
 * errors; only refusals made at the HTTP edge itself (credentials, limits, a store that is
 * down, a gone session) carry a status of their own, and it holds in every era.
 *
 * | error                                   | session era | stateless era |
 * |-----------------------------------------|-------------|---------------|
 * | carries `httpStatus` (edge refusals)    | that status | that status   |
 * | -32601 method not found                 | 200         | 404           |
 * | {@link McpRequestError}, -32700, -32020, -32021, -32022 | 200 | 400     |
 * | any other protocol error                | 200         | 200           |
 * | an unexpected failure (-32603)          | 200         | 200           |
 */
export function httpStatusOf(error: McpError | undefined, era: McpEra): number {
  if (!error) return 200;
  if (error.httpStatus !== undefined) return error.httpStatus;
  if (era === 'session') return 200;
  if (error.code === ErrorCode.MethodNotFound) return 404;
  if (error instanceof McpRequestError || STATELESS_BAD_REQUEST.has(error.code)) return 400;
  return 200;
}
