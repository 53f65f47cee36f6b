import type { ServerResponse } from 'node:http';
import { McpError } from '../../protocol/mcp.error.js';
import { writeError } from './http-response.writer.js';

/** Runs a handler; an McpError with an HTTP status (a store that is down: 503) is answered. */
export async function failClosed(res: ServerResponse, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    answerFailure(res, error);
  }
}

/** {@link failClosed}'s answer to a handler's failure; anything without an HTTP status is rethrown. */
export function answerFailure(res: ServerResponse, error: unknown): void {
  if (!(error instanceof McpError) || error.httpStatus === undefined) throw error;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeError(res, error.httpStatus, error, null, error.headers);
}
