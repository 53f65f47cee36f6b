import type { JsonRpcErrorResponse, JsonRpcId, JsonRpcResponse } from './jsonrpc.types.js';
import { ErrorCode, McpError } from './mcp.error.js';
import type { LogContext } from '../logging/log-context.js';
import { McpLogger } from '../logging/mcp.logger.js';

const logger = new McpLogger('McpTransport');

/**
 * A JSON-RPC error response for a failed request, with the HTTP status it travels under.
 * Unexpected errors are logged here and reach the client as a bare -32603.
 */
export function toErrorResponse(
  error: unknown,
  id: JsonRpcId,
  log?: LogContext,
): { status: number; response: JsonRpcErrorResponse; headers?: Record<string, string> } {
  if (error instanceof McpError) {
    return {
      status: error.httpStatus ?? 200,
      response: { jsonrpc: '2.0', id, error: error.toJSON() },
      headers: error.headers,
    };
  }
  logger.error(
    `Request ${String(id)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    log,
  );
  return {
    status: 200,
    response: {
      jsonrpc: '2.0',
      id,
      error: { code: ErrorCode.InternalError, message: 'Internal error' },
    },
  };
}

/** A request's final answer: its result, or its error with the HTTP status it travels under. */
export interface Answer {
  status: number;
  response: JsonRpcResponse;
  headers?: Record<string, string>;
}

/** Runs a request's handler and turns the outcome, success or failure, into its answer. */
export async function answer(
  id: JsonRpcId,
  run: () => Promise<Record<string, unknown>>,
  log?: LogContext,
): Promise<Answer> {
  try {
    return { status: 200, response: { jsonrpc: '2.0', id, result: await run() } };
  } catch (error) {
    return toErrorResponse(error, id, log);
  }
}
