import type { SessionStore } from '../../session/session-store.interface.js';

/**
 * Marks a session as seen every `everyMs` while a call runs or a stream is open on it, so a
 * long call never outlives its session. Returns the timer to clear when that ends.
 */
export function keepSessionAlive(
  sessions: SessionStore,
  sessionId: string,
  everyMs: number,
): NodeJS.Timeout {
  return setInterval(() => void sessions.get(sessionId), everyMs).unref();
}
