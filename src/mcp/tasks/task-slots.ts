/**
 * The in-flight slots (ConcurrencyLimiter) held by running tasks: a task-augmented call keeps
 * its caller's slot until the handler run ends, not just until the task is created.
 */
export class TaskSlots {
  private readonly held = new Map<string, () => void>();

  /** Holds `release` for the task; it runs once, on `free` or `freeAll`. */
  hold(taskId: string, release: (() => void) | undefined): void {
    if (release) this.held.set(taskId, release);
  }

  free(taskId: string): void {
    const release = this.held.get(taskId);
    this.held.delete(taskId);
    release?.();
  }

  freeAll(): void {
    for (const taskId of [...this.held.keys()]) this.free(taskId);
  }
}
