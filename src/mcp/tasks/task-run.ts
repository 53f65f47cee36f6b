import type { InputMethod } from '../context/mcp-exchange.interface.js';
import type { InputRequiredSignal } from '../context/input-required.signal.js';

/** A session-era question waiting for a `tasks/result` stream to carry it to the client. */
export interface TaskQuestion {
  method: InputMethod;
  params: Record<string, unknown>;
  dispatched: boolean;
  resolve: (answer: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/**
 * What only the process running a task's handler knows: its abort switch, its open
 * session-era questions, and who waits for its next change (a blocked `tasks/result`).
 */
export class TaskRun {
  readonly abort = new AbortController();
  readonly questions: TaskQuestion[] = [];
  /** Stateless era: answers so far (MRTR-phase answers first, then task answers). */
  readonly answers: Record<string, unknown>;
  /** `request` while a required tool still runs inside its `tools/call` (MRTR phase). */
  phase: 'request' | 'task';
  /** Questions in flight through the call's own input-required round. */
  requestInputs = 0;
  /** The input-required signal of the MRTR phase, told apart from task questions. */
  requestSignal?: InputRequiredSignal;
  private waiters: (() => void)[] = [];

  constructor(phase: 'request' | 'task', answers: Record<string, unknown> = {}) {
    this.phase = phase;
    this.answers = { ...answers };
  }

  /** Queues a question for the next `tasks/result` stream and waits for its answer. */
  ask(method: InputMethod, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const question: TaskQuestion = {
        method,
        params,
        dispatched: false,
        resolve: (answer) => (this.drop(question), resolve(answer)),
        reject: (error) => (this.drop(question), reject(error)),
      };
      this.questions.push(question);
      this.wake();
    });
  }

  /** Resolves on the next change (status, question); used by blocked readers. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Stops the handler and fails its open questions. */
  cancel(reason: Error): void {
    this.abort.abort(reason);
    for (const question of [...this.questions]) question.reject(reason);
    this.wake();
  }

  private drop(question: TaskQuestion): void {
    const index = this.questions.indexOf(question);
    if (index >= 0) this.questions.splice(index, 1);
  }
}

/** Resolves when the signal aborts (at once if it already has). */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
