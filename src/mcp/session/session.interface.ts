import type { LogLevel } from '../context/log-level.js';

/** A session-era session: a small record, the only per-session state the server keeps. */
export interface McpSession {
  readonly id: string;
  /** `principalKey()` of the principal that created it; every later request must come from the same one. */
  readonly principalId: string;
  /**
   * Whose session quota it counts against: `anon:<address>` for anonymous callers, the
   * principal key for agents (see `SessionStore.create`).
   */
  quotaKey?: string;
  protocolVersion: string;
  clientCapabilities: Record<string, unknown>;
  clientInfo?: { name?: string; version?: string };
  initialized: boolean;
  logLevel?: LogLevel;
  /** Resource URIs this session subscribed to. */
  subscriptions: string[];
  createdAt: number;
  lastSeenAt: number;
}
