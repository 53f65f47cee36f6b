import type { McpSession } from './session.interface.js';

/**
 * What `SessionStore.create` answers: true when stored; false when the store is full (the
 * server answers 503); `'quota'` when the session's `quotaKey` already holds its share (429).
 */
export type SessionCreateOutcome = boolean | 'quota';

/** How many live sessions one party may hold (see `McpSession.quotaKey`). */
export interface SessionQuotas {
  /** Per anonymous client address (`anon:…` quota keys). Default 100. */
  perAnonymousAddress: number;
  /** Per agent principal (every other quota key). Default 1000. */
  perPrincipal: number;
  /** Share of `maxSessions` all anonymous sessions together may take. Default 0.5. */
  anonymousShare: number;
}

export const DEFAULT_SESSION_QUOTAS: SessionQuotas = {
  perAnonymousAddress: 100,
  perPrincipal: 1000,
  anonymousShare: 0.5,
};

/** Configured quotas over the defaults (an option left undefined keeps its default). */
export function resolveSessionQuotas(quotas: Partial<SessionQuotas> = {}): SessionQuotas {
  return {
    perAnonymousAddress: quotas.perAnonymousAddress ?? DEFAULT_SESSION_QUOTAS.perAnonymousAddress,
    perPrincipal: quotas.perPrincipal ?? DEFAULT_SESSION_QUOTAS.perPrincipal,
    anonymousShare: quotas.anonymousShare ?? DEFAULT_SESSION_QUOTAS.anonymousShare,
  };
}

/**
 * Where sessions live. The in-memory default suits one process; a shared implementation
 * (Redis) lets any replica serve any session.
 *
 * Quotas: a session carries a `quotaKey` (`anon:<address>` or the agent's principal key). A
 * store must count live sessions per quota key and refuse past {@link SessionQuotas}
 * (`'quota'`), and keep anonymous sessions together under their share of the cap, so that
 * anonymous clients cannot fill the store for signed agents. Counts drop when a session is
 * deleted or expires.
 * @example
 * providers: [{ provide: SessionStore, useClass: MyRedisSessionStore }]
 */
export interface SessionStore {
  /** Stores a new session (see {@link SessionCreateOutcome}). */
  create(session: McpSession): Promise<SessionCreateOutcome>;
  /** The live session (refreshing its idle timer), or undefined when unknown or expired. */
  get(id: string): Promise<McpSession | undefined>;
  /** Saves changes to a session (log level, subscriptions, initialized flag). */
  update(session: McpSession): Promise<void>;
  /** Forgets a session (DELETE, expiry); deleting an unknown id is not an error. */
  delete(id: string): Promise<void>;
  /** Sessions currently alive (for metrics and health). */
  count(): Promise<number>;
  /** The live sessions subscribed to a resource URI (`resources/subscribe`). */
  subscribersOf(uri: string): Promise<Pick<McpSession, 'id' | 'principalId'>[]>;
  /**
   * Listens for sessions that end (deleted or expired) in this process; returns the function
   * that stops listening. The server drops the session's event logs and streams then. A
   * shared store that cannot tell every replica should give its event keys the session's
   * idle TTL instead (see `EventStore`).
   */
  onEnded?(listener: (session: McpSession) => void): () => void;
}

/** Injection token of the {@link SessionStore}. */
export const SessionStore = Symbol('MCP_SESSION_STORE');
