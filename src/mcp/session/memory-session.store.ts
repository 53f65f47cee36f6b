import type { OnModuleDestroy } from '@nestjs/common';
import type { McpSession } from './session.interface.js';
import {
  resolveSessionQuotas,
  type SessionCreateOutcome,
  type SessionQuotas,
  type SessionStore,
} from './session-store.interface.js';

/**
 * Sessions in a Map, expired after an idle TTL and capped in number, with quotas per quota
 * key so that no one client fills the cap. Records are copied in and out so callers never
 * share a mutable object with the store (as a remote store behaves).
 */
export class MemorySessionStore implements SessionStore, OnModuleDestroy {
  private readonly sessions = new Map<string, McpSession>();
  /** Live sessions per quota key, and anonymous ones in all. */
  private readonly held = new Map<string, number>();
  private anonymous = 0;
  private readonly endListeners = new Set<(session: McpSession) => void>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly quotas: SessionQuotas;

  constructor(
    private readonly idleTtlMs: number,
    private readonly maxSessions: number,
    quotas: Partial<SessionQuotas> = {},
  ) {
    this.quotas = resolveSessionQuotas(quotas);
    this.sweeper = setInterval(() => this.sweep(), Math.min(idleTtlMs, 60_000)).unref();
  }

  async create(session: McpSession): Promise<SessionCreateOutcome> {
    if (this.sessions.size >= this.maxSessions) this.sweep();
    if (this.sessions.size >= this.maxSessions) return false;
    const key = session.quotaKey;
    if (key !== undefined) {
      const anonymous = key.startsWith('anon:');
      const limit = anonymous ? this.quotas.perAnonymousAddress : this.quotas.perPrincipal;
      if ((this.held.get(key) ?? 0) >= limit) return 'quota';
      // Unsigned callers together never take more than their share, so agents find room.
      if (anonymous && this.anonymous >= this.maxSessions * this.quotas.anonymousShare)
        return 'quota';
      this.held.set(key, (this.held.get(key) ?? 0) + 1);
      if (anonymous) this.anonymous++;
    }
    this.sessions.set(session.id, copy(session));
    return true;
  }

  async get(id: string): Promise<McpSession | undefined> {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = Date.now();
    if (now - session.lastSeenAt > this.idleTtlMs) {
      this.remove(session);
      return undefined;
    }
    session.lastSeenAt = now;
    return copy(session);
  }

  async update(session: McpSession): Promise<void> {
    const held = this.sessions.get(session.id);
    if (held) this.sessions.set(session.id, { ...copy(session), quotaKey: held.quotaKey });
  }

  async delete(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (session) this.remove(session);
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

  onEnded(listener: (session: McpSession) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** @internal */
  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const cutoff = Date.now() - this.idleTtlMs;
    for (const session of this.sessions.values())
      if (session.lastSeenAt < cutoff) this.remove(session);
  }

  /** Forgets a session, gives its quota back and tells the listeners (event logs die with it). */
  private remove(session: McpSession): void {
    if (!this.sessions.delete(session.id)) return;
    const key = session.quotaKey;
    if (key !== undefined) {
      const left = (this.held.get(key) ?? 1) - 1;
      if (left > 0) this.held.set(key, left);
      else this.held.delete(key);
      if (key.startsWith('anon:')) this.anonymous--;
    }
    for (const listener of this.endListeners) listener(session);
  }
}

/** The record's own fields are copied; nested client data is never mutated, so it is shared. */
function copy(session: McpSession): McpSession {
  return { ...session, subscriptions: [...session.subscriptions] };
}
