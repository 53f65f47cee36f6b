import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpError } from '../../protocol/mcp.error.js';
import type { ConcurrencyLimiter } from '../../security/concurrency.limiter.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import { clientKeyOf } from '../../security/client-key.js';
import { writeError } from './http-response.writer.js';

/**
 * Reserves one SSE stream for the caller until the response closes; writes 429 and returns
 * false when the caller already holds as many as allowed.
 */
export function reserveStream(
  limiter: ConcurrencyLimiter,
  req: IncomingMessage,
  res: ServerResponse,
  principal: McpPrincipal,
): boolean {
  try {
    res.once('close', limiter.stream(clientKeyOf(req, principal)));
    return true;
  } catch (error) {
    const e = error as McpError;
    writeError(res, e.httpStatus ?? 429, e, null, e.headers);
    return false;
  }
}
