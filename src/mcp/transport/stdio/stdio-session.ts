import { LazyAbort } from '../../context/lazy-abort.js';
import type { JsonRpcId } from '../../protocol/jsonrpc.types.js';
import type { McpSession } from '../../session/session.interface.js';
import { StdioMessages } from './stdio.messages.js';

/**
 * The state one stdio connection keeps: the connection is the session, so its single
 * session-era record lives here (never in the SessionStore), with the requests in flight
 * so that `notifications/cancelled` can abort them.
 */
export class StdioSession {
  private record?: McpSession;
  private readonly inFlight = new Map<string, LazyAbort>();

  /** The session-era record, once `initialize` has been answered. */
  get current(): McpSession | undefined {
    return this.record;
  }

  /** True once the client sent `notifications/initialized`: unsolicited notifications may flow. */
  get ready(): boolean {
    return this.record?.initialized === true;
  }

  open(session: McpSession): void {
    this.record = session;
  }

  markInitialized(): void {
    if (this.record) this.record.initialized = true;
  }

  /** Registers a running request; the returned `done` must be called when it settles. */
  track(id: JsonRpcId): { abort: LazyAbort; done: () => void } {
    const key = String(id);
    const abort = new LazyAbort();
    this.inFlight.set(key, abort);
    return {
      abort,
      // A later request reusing the id must not be forgotten when this one ends.
      done: () => {
        if (this.inFlight.get(key) === abort) this.inFlight.delete(key);
      },
    };
  }

  /** Aborts the request with this id, if it is still running. */
  cancel(id: unknown, reason: unknown): void {
    if (typeof id !== 'string' && typeof id !== 'number') return;
    this.inFlight.get(String(id))?.abort(reason ?? StdioMessages.cancelledByClient());
  }

  get pending(): number {
    return this.inFlight.size;
  }
}
