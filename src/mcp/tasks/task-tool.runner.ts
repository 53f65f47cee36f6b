import type { McpExchange } from '../context/mcp-exchange.interface.js';
import type { RegisteredTool } from '../registry/registry.types.js';

/**
 * How a task runs its tool. Implemented by the tool invoker (the same one a plain call uses);
 * a port here so tasks never import the dispatch layer above them.
 */
export interface TaskToolRunner {
  /** The first run: the tool and its arguments as the call already validated them. */
  invoke(
    tool: RegisteredTool,
    value: unknown,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>>;
  /**
   * A later run (after `tasks/update`, on whichever replica takes it): by name, from the stored
   * JSON arguments, which are validated again because a validated value (a DTO instance) does
   * not survive storage.
   */
  resume(
    toolName: string,
    args: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>>;
}

/** Injection token of the {@link TaskToolRunner}. */
export const TASK_TOOL_RUNNER = Symbol('TASK_TOOL_RUNNER');
