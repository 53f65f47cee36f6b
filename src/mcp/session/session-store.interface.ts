import type { McpSession } from './session.interface.js';

/**
 * Where sessions live. The in-memory default suits one process; a shared implementation
 * (Redis) lets any replica serve any session.
 * @example
 * providers: [{ provide: SessionStore, useClass: MyRedisSessionStore }]
 */
export interface SessionStore {
  /** Stores a new session; false when the store is full (the server answers 503). */
  create(session: McpSession): Promise<boolean>;
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
}

/** Injection token of the {@link SessionStore}. */
export const SessionStore = Symbol('MCP_SESSION_STORE');
