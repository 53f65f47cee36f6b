/**
 * An AbortController made only when someone reads its signal. Most calls never look at
 * `ctx.signal`, and a controller (an EventTarget) per request is a measurable share of a
 * call's cost. An abort before the first read is remembered and applied on creation.
 */
export class LazyAbort {
  private controller?: AbortController;
  private early?: { reason: unknown };

  /** @param onFirstUse runs once, when the signal is first read (e.g. to watch the connection). */
  constructor(private readonly onFirstUse?: (abort: LazyAbort) => void) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.early) this.controller.abort(this.early.reason);
      this.onFirstUse?.(this);
    }
    return this.controller.signal;
  }

  get aborted(): boolean {
    return this.controller ? this.controller.signal.aborted : this.early !== undefined;
  }

  abort(reason?: unknown): void {
    if (this.controller) this.controller.abort(reason);
    else this.early ??= { reason };
  }
}
