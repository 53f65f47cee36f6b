import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What every log line of one request carries. */
export interface LogContext {
  requestId: string;
  sessionId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Runs `fn` with a log context: the client's `X-Request-Id` when sane, else a fresh id. */
export function withLogContext<T>(req: IncomingMessage, fn: () => T): T {
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && SAFE_ID.test(given) ? given : randomBytes(6).toString('hex');
  const sessionId = req.headers['mcp-session-id'];
  return storage.run({ requestId, sessionId: typeof sessionId === 'string' ? sessionId : undefined }, fn);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
