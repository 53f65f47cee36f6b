export { TaskStore } from './task-store.interface.js';
export { MemoryTaskStore } from './memory-task.store.js';
export type { StoredTask, TaskStatus, TaskInputRequest } from './task.types.js';
export { TASKS_EXTENSION, RELATED_TASK_META } from './tasks.constants.js';
