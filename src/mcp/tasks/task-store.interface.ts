import type { StoredTask } from './task.types.js';

/**
 * Where tasks live. The in-memory default suits one process; a shared implementation lets
 * any replica answer `tasks/get` (a running handler stays on the replica that started it).
 * @example
 * McpModule.forRoot({ serverInfo, tasks: { store: new MyRedisTaskStore(redis) } })
 */
export interface TaskStore {
  /** Stores a new task; false when the store is full. */
  create(task: StoredTask): Promise<boolean>;
  /** The task, or undefined when unknown or past its TTL. */
  get(taskId: string): Promise<StoredTask | undefined>;
  /** Saves a changed task (no-op when it is gone). */
  update(task: StoredTask): Promise<void>;
  /** The live tasks whose `principalId` (their owner, see `StoredTask`) is exactly this one, oldest first. */
  list(principalId: string): Promise<StoredTask[]>;
  /** Forgets a task; deleting an unknown id is not an error. */
  delete(taskId: string): Promise<void>;
}

/** Injection token of the {@link TaskStore}. */
export const TaskStore = Symbol('MCP_TASK_STORE');
