import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What a log line about one request carries. */
export interface LogContext {
  requestId: string;
  sessionId?: string;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const CONTEXT = Symbol('mcpLogContext');
// A per-process prefix and a counter: unique ids without a CSPRNG call on every request.
const PREFIX = randomBytes(3).toString('hex');
let counter = 0;

/**
 * The log context of a request, made once and kept on it: the client's `X-Request-Id` when
 * sane, else a fresh id. Passed explicitly (no AsyncLocalStorage: its promise hooks would tax
 * every request for the sake of rare log lines).
 */
export function logContextOf(req: IncomingMessage): LogContext {
  const holder = req as IncomingMessage & { [CONTEXT]?: LogContext };
  if (holder[CONTEXT]) return holder[CONTEXT];
  const given = req.headers['x-request-id'];
  const sessionId = req.headers['mcp-session-id'];
  holder[CONTEXT] = {
    requestId:
      typeof given === 'string' && SAFE_ID.test(given)
        ? given
        : `${PREFIX}-${(++counter).toString(36)}`,
    sessionId: typeof sessionId === 'string' ? sessionId : undefined,
  };
  return holder[CONTEXT];
}
