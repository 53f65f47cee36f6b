import type { SessionStore } from '../../session/session-store.interface.js';

/**
 * Marks sessions as seen every `everyMs` while a call runs or a stream is open on them, so a
 * long call never outlives its session. One timer serves every held session: a timer per
 * request was a measurable share of a call's cost, and most calls end long before a tick.
 */
export class SessionKeepAlive {
  /** Session id → calls and streams holding it. */
  private readonly held = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sessions: SessionStore,
    private readonly everyMs: number,
  ) {}

  /** Keeps the session alive until {@link release} is called as many times. */
  hold(sessionId: string): void {
    this.held.set(sessionId, (this.held.get(sessionId) ?? 0) + 1);
    this.timer ??= setInterval(() => this.tick(), this.everyMs).unref();
  }

  release(sessionId: string): void {
    const count = this.held.get(sessionId);
    if (count === undefined) return;
    if (count > 1) this.held.set(sessionId, count - 1);
    else this.held.delete(sessionId);
  }

  /** Stops the timer (at shutdown). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    // Idle: the timer stops and the next hold starts it again.
    if (this.held.size === 0) return this.stop();
    // A read marks the session as seen; a store that is down is retried on the next tick.
    for (const id of this.held.keys()) this.sessions.get(id).catch(() => undefined);
  }
}
