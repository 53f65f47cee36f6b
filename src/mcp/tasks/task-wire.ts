import type { StoredTask } from './task.types.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The fields both eras' task shapes share; only the names of the two durations differ. */
function common(task: StoredTask): Record<string, unknown> {
  return {
    taskId: task.taskId,
    status: task.status,
    ...(task.statusMessage ? { statusMessage: task.statusMessage } : {}),
    createdAt: iso(task.createdAt),
    lastUpdatedAt: iso(task.lastUpdatedAt),
  };
}

/** Under the 2026-07-28 names (ttlMs, pollIntervalMs). */
function statelessBase(task: StoredTask): Record<string, unknown> {
  return { ...common(task), ttlMs: task.ttlMs, pollIntervalMs: task.pollIntervalMs };
}

/** 2026-07-28 `CreateTaskResult`: flat, no result, error or inputRequests. */
export function statelessCreateResult(task: StoredTask): Record<string, unknown> {
  return { resultType: 'task', ...statelessBase(task) };
}

/** 2026-07-28 `DetailedTask` (`tasks/get`): the outcome or the open questions inlined. */
export function statelessDetailedTask(task: StoredTask): Record<string, unknown> {
  const detailed = statelessBase(task);
  if (task.status === 'completed' && task.result)
    detailed.result = { resultType: 'complete', ...task.result };
  if (task.status === 'failed' && task.error) detailed.error = task.error;
  if (task.status === 'input_required' && task.inputRequests)
    detailed.inputRequests = task.inputRequests;
  return detailed;
}

/** 2025-11-25 `Task` (`tasks/get`, `tasks/cancel`, `notifications/tasks/status`). */
export function sessionTask(task: StoredTask): Record<string, unknown> {
  return { ...common(task), ttl: task.ttlMs, pollInterval: task.pollIntervalMs };
}
