import { TASKS_EXTENSION } from './tasks.constants.js';

/** Every client-facing text of the tasks feature. */
export const TasksMessages = {
  unknownTask: (taskId: unknown) => `Unknown task: ${String(taskId)}`,
  taskIdRequired: () => 'params.taskId must be a string',
  inputResponsesObject: () => 'inputResponses must be an object',
  inputResponseObject: (key: string) => `inputResponses.${key} must be an object`,
  extensionRequired: (method: string) =>
    `${method} needs the client capability extensions["${TASKS_EXTENSION}"], which the request did not declare`,
  toolNeedsTask: (tool: string) =>
    `Tool ${tool} runs only as a task: declare extensions["${TASKS_EXTENSION}"] in the request's client capabilities`,
  toolNeedsTaskParam: (tool: string) =>
    `Tool ${tool} runs only as a task: call it with params.task`,
  toolForbidsTask: (tool: string) => `Tool ${tool} does not support task execution`,
  alreadyTerminal: (taskId: string, status: string) =>
    `Task ${taskId} is already ${status} and cannot be cancelled`,
  cancelled: () => 'The task was cancelled by request.',
  storeFull: () => 'Too many tasks; retry later',
  requestCancelled: () => 'Request cancelled',
  methodRemoved: (method: string) => `Method not found: ${method}`,
} as const;
