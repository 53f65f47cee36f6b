import { InputRequiredSignal } from '../context/input-required.signal.js';
import { McpLogger } from '../logging/mcp.logger.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import type { TaskRun } from './task-run.js';
import type { StoredTask, TaskInputRequest } from './task.types.js';

/** How one run of a task's handler ended. */
export type TaskOutcome =
  | { kind: 'result'; result: Record<string, unknown> }
  | { kind: 'error'; error: { code: number; message: string; data?: unknown } }
  | { kind: 'input'; inputRequests: Record<string, TaskInputRequest> }
  | { kind: 'mrtr'; signal: InputRequiredSignal };

const logger = new McpLogger('McpTasks');

/** Classifies a handler's rejection: a question (task or MRTR phase) or a protocol error. */
export function outcomeOf(error: unknown, task: StoredTask, run: TaskRun): TaskOutcome {
  if (error instanceof InputRequiredSignal) {
    return error === run.requestSignal && run.phase === 'request'
      ? { kind: 'mrtr', signal: error }
      : { kind: 'input', inputRequests: error.inputRequests };
  }
  if (error instanceof McpError) return { kind: 'error', error: error.toJSON() };
  // A cancelled handler failing on its aborted signal is expected, not worth a log line.
  if (!run.abort.signal.aborted)
    logger.error(`Task ${task.taskId} (${task.toolName}) failed: ${String(error)}`);
  return { kind: 'error', error: { code: ErrorCode.InternalError, message: 'Internal error' } };
}
