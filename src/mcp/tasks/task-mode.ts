import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { FIRST_SESSION_TASKS_VERSION } from '../config/mcp.constants.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { declaresTasks, missingTasksExtension } from './tasks.handler.js';
import { TasksMessages } from './tasks.messages.js';

/** How one `tools/call` runs: inline, as a task, or as a task after MRTR rounds on the call. */
export type TaskMode = 'sync' | 'task' | 'task-after-input';

/**
 * Decides task execution from the tool's `execution.taskSupport` and the request.
 * Session era: the client asks with `params.task`; required tools refuse plain calls and
 * other tools refuse task calls (-32601, as 2025-11-25 says). Stateless era: the server
 * decides; a client that declared the extension gets a task for every task-capable tool,
 * one that did not gets plain calls, and a required tool refuses it (-32021). A legacy
 * `params.task` is ignored there.
 */
export function taskModeOf(
  taskSupport: 'forbidden' | 'optional' | 'required' | undefined,
  toolName: string,
  params: Record<string, unknown>,
  exchange: McpExchange,
): TaskMode {
  const capable = taskSupport === 'optional' || taskSupport === 'required';
  if (exchange.era === 'stateless') {
    if (declaresTasks(exchange) && capable)
      return taskSupport === 'required' ? 'task-after-input' : 'task';
    if (taskSupport === 'required')
      throw missingTasksExtension(TasksMessages.toolNeedsTask(toolName));
    return 'sync';
  }
  if (exchange.protocolVersion < FIRST_SESSION_TASKS_VERSION) return 'sync';
  const asked = typeof params.task === 'object' && params.task !== null;
  if (asked && !capable)
    throw new McpError(ErrorCode.MethodNotFound, TasksMessages.toolForbidsTask(toolName));
  if (!asked && taskSupport === 'required')
    throw new McpError(ErrorCode.MethodNotFound, TasksMessages.toolNeedsTaskParam(toolName));
  return asked ? 'task' : 'sync';
}
