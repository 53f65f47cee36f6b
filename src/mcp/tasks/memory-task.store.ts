import type { OnModuleDestroy } from '@nestjs/common';
import type { TaskStore } from './task-store.interface.js';
import { TERMINAL_STATUSES, type StoredTask } from './task.types.js';

const copy = (task: StoredTask): StoredTask => structuredClone(task);

/**
 * Tasks in a Map: each expires `ttlMs` after its creation, and at most `maxTasks` live at
 * once. When full, the oldest finished task makes room; running ones are never evicted.
 * Records are copied in and out, as a remote store would behave.
 */
export class MemoryTaskStore implements TaskStore, OnModuleDestroy {
  private readonly tasks = new Map<string, StoredTask>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly maxTasks = 10_000) {
    this.sweeper = setInterval(() => this.sweep(), 60_000).unref();
  }

  async create(task: StoredTask): Promise<boolean> {
    if (this.tasks.size >= this.maxTasks) this.sweep();
    if (this.tasks.size >= this.maxTasks && !this.evictOldestFinished()) return false;
    this.tasks.set(task.taskId, copy(task));
    return true;
  }

  async get(taskId: string): Promise<StoredTask | undefined> {
    const task = this.tasks.get(taskId);
    if (!task) return undefined;
    if (expired(task, Date.now())) {
      this.tasks.delete(taskId);
      return undefined;
    }
    return copy(task);
  }

  async update(task: StoredTask): Promise<void> {
    if (this.tasks.has(task.taskId)) this.tasks.set(task.taskId, copy(task));
  }

  async list(principalId: string): Promise<StoredTask[]> {
    const now = Date.now();
    return [...this.tasks.values()]
      .filter((t) => t.principalId === principalId && !expired(t, now))
      .map(copy);
  }

  async delete(taskId: string): Promise<void> {
    this.tasks.delete(taskId);
  }

  /** @internal */
  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, task] of this.tasks) if (expired(task, now)) this.tasks.delete(id);
  }

  /** Map order is insertion order, so the first finished task found is the oldest. */
  private evictOldestFinished(): boolean {
    for (const [id, task] of this.tasks) {
      if (TERMINAL_STATUSES.has(task.status)) {
        this.tasks.delete(id);
        return true;
      }
    }
    return false;
  }
}

function expired(task: StoredTask, now: number): boolean {
  return task.ttlMs !== null && now - task.createdAt >= task.ttlMs;
}
