import type { McpEra } from '../context/mcp-exchange.interface.js';
import type { ClientKey } from '../security/client-key.js';
import type { McpPrincipal } from '../security/principal.interface.js';

/** Where a task is in its life; `completed`, `failed` and `cancelled` are final. */
export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

/** A question a task waits on: `elicitation/create`, `sampling/createMessage` or `roots/list`. */
export interface TaskInputRequest {
  method: string;
  params: Record<string, unknown>;
}

/**
 * One task as a {@link TaskStore} keeps it: plain JSON, so a shared store (Redis) can hold it
 * and any replica can answer `tasks/get`. Times are epoch milliseconds.
 */
export interface StoredTask {
  taskId: string;
  /**
   * Who may see and steer the task (`taskOwner()`): the principal key of an agent or token
   * holder; for an anonymous caller in the session era, its session; in the stateless era,
   * nobody in particular: the unguessable task id is the capability, never listed.
   */
  principalId: string;
  /** The caller as the handler saw it (re-runs after `tasks/update` get the same one). */
  principal: McpPrincipal;
  clientKey: ClientKey;
  era: McpEra;
  protocolVersion: string;
  /** Session-era tasks: the session that created it (status notifications go there). */
  sessionId?: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: number;
  lastUpdatedAt: number;
  /** How long the task is kept after creation; null: until the store needs the room. */
  ttlMs: number | null;
  pollIntervalMs: number;
  /** What ran: enough to run the tool again after `tasks/update` on any replica. */
  toolName: string;
  arguments: Record<string, unknown>;
  clientCapabilities: Record<string, unknown>;
  /** The creating request's `_meta` (progress token, envelope). */
  meta: Record<string, unknown>;
  /** Completed: the CallToolResult (a tool error is `isError: true`, still completed). */
  result?: Record<string, unknown>;
  /** Failed: the protocol error. */
  error?: { code: number; message: string; data?: unknown };
  /** input_required (stateless era): questions still unanswered, by key. */
  inputRequests?: Record<string, TaskInputRequest>;
  /** Stateless era: every answer given so far, by key (handlers re-run with them). */
  answers?: Record<string, unknown>;
}

export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set([
  'completed',
  'failed',
  'cancelled',
]);
