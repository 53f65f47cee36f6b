import type { McpSession } from '../../session/session.interface.js';

/**
 * The state one stdio connection keeps: the connection is the session, so its single
 * session-era record lives here (never in the SessionStore). Requests in flight are the
 * connection core's.
 */
export class StdioSession {
  private record?: McpSession;

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
}
