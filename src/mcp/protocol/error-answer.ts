import type { JsonRpcErrorResponse, JsonRpcId, JsonRpcResponse } from './jsonrpc.types.js';
import { ErrorCode, McpError } from './mcp.error.js';
import type { LogContext } from '../logging/log-context.js';
import { McpLogger } from '../logging/mcp.logger.js';

const logger = new McpLogger('McpTransport');

/**
 * A JSON-RPC error response for a failed request, with the protocol error it came from (what a
 * transport's edge maps to its own status). Unexpected errors are logged here and reach the
 * client as a bare -32603.
 */
export function toErrorResponse(
  error: unknown,
  id: JsonRpcId,
  log?: LogContext,
): { response: JsonRpcErrorResponse; error?: McpError } {
  if (error instanceof McpError) {
    return { response: { jsonrpc: '2.0', id, error: error.toJSON() }, error };
  }
  logger.error(
    `Request ${String(id)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    log,
  );
  return {
    response: {
      jsonrpc: '2.0',
      id,
      error: { code: ErrorCode.InternalError, message: 'Internal error' },
    },
  };
}

/** A request's final answer: its result, or its error response and the protocol error behind it. */
export interface Answer {
  response: JsonRpcResponse;
  /** The protocol error the response carries, when it is one (unexpected errors have none). */
  error?: McpError;
}

/** Runs a request's handler and turns the outcome, success or failure, into its answer. */
export async function answer(
  id: JsonRpcId,
  run: () => Promise<Record<string, unknown>>,
  log?: LogContext,
): Promise<Answer> {
  try {
    return { response: { jsonrpc: '2.0', id, result: await run() } };
  } catch (error) {
    return toErrorResponse(error, id, log);
  }
}
