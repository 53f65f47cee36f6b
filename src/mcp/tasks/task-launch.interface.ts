import type { McpExchange } from '../context/mcp-exchange.interface.js';
import type { RegisteredTool } from '../registry/registry.types.js';

/** What `tools/call` hands over when it decides to answer with a task. */
export interface TaskLaunch {
  tool: RegisteredTool;
  /** The arguments as the call validated them (what the first run receives). */
  value: unknown;
  /** The arguments as sent (what the task stores, for a resumed run). */
  arguments: Record<string, unknown>;
  exchange: McpExchange;
  /** Stateless era, `taskSupport: 'required'`: questions asked at once use MRTR on the call. */
  inputFirst: boolean;
  /** Session era: the client's `params.task.ttl`. */
  requestedTtlMs?: number;
  /** Called once when the handler run ends (any outcome, cancel, or a failed launch). */
  onSettled?: () => void;
}
