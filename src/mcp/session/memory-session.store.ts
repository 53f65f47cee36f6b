import type { OnModuleDestroy } from '@nestjs/common';
import type { McpSession } from './session.interface.js';
import type { SessionStore } from './session-store.interface.js';

/**
 * Sessions in a Map, expired after an idle TTL and capped in number. Records are copied in
 * and out so callers never share a mutable object with the store (as a remote store behaves).
 */
export class MemorySessionStore implements SessionStore, OnModuleDestroy {
  private readonly sessions = new Map<string, McpSession>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly idleTtlMs: number,
    private readonly maxSessions: number,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(idleTtlMs, 60_000)).unref();
  }

  async create(session: McpSession): Promise<boolean> {
    if (this.sessions.size >= this.maxSessions) this.sweep();
    if (this.sessions.size >= this.maxSessions) return false;
    this.sessions.set(session.id, copy(session));
    return true;
  }

  async get(id: string): Promise<McpSession | undefined> {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = Date.now();
    if (now - session.lastSeenAt > this.idleTtlMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = now;
    return copy(session);
  }

  async update(session: McpSession): Promise<void> {
    if (this.sessions.has(session.id)) this.sessions.set(session.id, copy(session));
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  async count(): Promise<number> {
    return this.sessions.size;
  }

  async subscribersOf(uri: string): Promise<Pick<McpSession, 'id' | 'principalId'>[]> {
    const cutoff = Date.now() - this.idleTtlMs;
    return [...this.sessions.values()]
      .filter((s) => s.lastSeenAt >= cutoff && s.subscriptions.includes(uri))
      .map(({ id, principalId }) => ({ id, principalId }));
  }

  /** @internal */
  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const cutoff = Date.now() - this.idleTtlMs;
    for (const [id, session] of this.sessions)
      if (session.lastSeenAt < cutoff) this.sessions.delete(id);
  }
}

/** The record's own fields are copied; nested client data is never mutated, so it is shared. */
function copy(session: McpSession): McpSession {
  return { ...session, subscriptions: [...session.subscriptions] };
}
