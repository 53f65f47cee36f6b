import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { InputMethod, McpExchange } from '../context/mcp-exchange.interface.js';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import type { JsonRpcNotification } from '../protocol/jsonrpc.types.js';
import { ErrorCode, McpError, McpRequestError } from '../protocol/mcp.error.js';
import { MessageBus } from '../bus/message-bus.interface.js';
import { SessionOutbox } from '../session/session.outbox.js';
import { newTask } from './new-task.js';
import { taskOwner } from './task-owner.js';
import { TaskSlots } from './task-slots.js';
import { taskExchange } from './task-exchange.js';
import { outcomeOf, type TaskOutcome } from './task-outcome.js';
import { aborted, TaskRun } from './task-run.js';
import { TaskStore } from './task-store.interface.js';
import { sessionTask } from './task-wire.js';
import { TERMINAL_STATUSES, type StoredTask } from './task.types.js';
import {
  DEFAULT_TASK_POLL_INTERVAL_MS,
  DEFAULT_TASK_TTL_MS,
  MRTR_WINDOW_MS,
  RELATED_TASK_META,
} from './tasks.constants.js';
import { TasksMessages } from './tasks.messages.js';
import type { TaskLaunch } from './task-launch.interface.js';
import { TASK_TOOL_RUNNER, type TaskToolRunner } from './task-tool.runner.js';

export type { TaskLaunch } from './task-launch.interface.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Runs task-augmented tool calls in the background and records their status, result, error
 * and open questions in the {@link TaskStore}. Era-neutral: the tasks handler renders wires.
 */
@Injectable()
export class TasksService implements BeforeApplicationShutdown, OnModuleInit, OnModuleDestroy {
  private unsubscribe?: () => void;
  private readonly runs = new Map<string, TaskRun>();
  private readonly slots = new TaskSlots();
  private readonly ttlMs: number;
  private readonly pollIntervalMs: number;

  constructor(
    @Inject(TaskStore) private readonly store: TaskStore,
    @Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions,
    private readonly outbox: SessionOutbox,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(TASK_TOOL_RUNNER) private readonly runner: TaskToolRunner,
  ) {
    this.ttlMs = options.tasks?.ttlMs ?? DEFAULT_TASK_TTL_MS;
    this.pollIntervalMs = options.tasks?.pollIntervalMs ?? DEFAULT_TASK_POLL_INTERVAL_MS;
  }

  /** A task cancelled through another replica stops here if its handler runs here. */
  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((event) => {
      if (event.kind === 'task-cancelled') this.stopRun(event.taskId);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  beforeApplicationShutdown(): void {
    for (const run of this.runs.values()) run.cancel(new Error(TasksMessages.cancelled()));
    this.runs.clear();
    this.slots.freeAll();
  }

  /** Creates the task and starts its handler; returns the task as created (status working). */
  async launch(launch: TaskLaunch): Promise<StoredTask> {
    const task = newTask(launch, this.ttlMs, this.pollIntervalMs);
    this.slots.hold(task.taskId, launch.onSettled);
    try {
      return await this.start(task, launch);
    } catch (error) {
      this.slots.free(task.taskId);
      throw error;
    }
  }

  private async start(task: StoredTask, launch: TaskLaunch): Promise<StoredTask> {
    const run = new TaskRun(launch.inputFirst ? 'request' : 'task');
    const exchange = this.exchangeFor(task, run, launch.exchange);
    // The first run takes the value the call validated; only a resumed run validates again.
    const first = (ex: McpExchange) => this.runner.invoke(launch.tool, launch.value, ex);
    if (!launch.inputFirst) {
      await this.persistNew(task, run);
      void this.execute(task, run, first(exchange)).then((o) => this.settle(task.taskId, o, run));
      return task;
    }
    const outcome = this.execute(task, run, first(exchange));
    let timer: NodeJS.Timeout | undefined;
    const window = new Promise<undefined>(
      (r) => (timer = setTimeout(() => r(undefined), MRTR_WINDOW_MS)),
    );
    let early = await Promise.race([outcome, window]);
    clearTimeout(timer);
    // A question asked just before the window closed settles within a tick: wait for it.
    if (early === undefined && run.requestInputs > 0) early = await outcome;
    run.phase = 'task';
    if (early?.kind === 'mrtr') throw early.signal;
    task.answers = { ...run.answers };
    await this.persistNew(task, run);
    if (early) await this.settle(task.taskId, early, run);
    else void outcome.then((o) => this.settle(task.taskId, o, run));
    return task;
  }

  /** The caller's own task; another principal's task is as unknown as a missing one. */
  async owned(taskId: unknown, exchange: McpExchange): Promise<StoredTask> {
    const invalid = (message: string) => new McpRequestError(ErrorCode.InvalidParams, message);
    if (typeof taskId !== 'string') throw invalid(TasksMessages.taskIdRequired());
    const task = await this.store.get(taskId);
    if (!task || task.principalId !== taskOwner(exchange))
      throw invalid(TasksMessages.unknownTask(taskId));
    return task;
  }

  /** The caller's live tasks, oldest first. */
  list(exchange: McpExchange): Promise<StoredTask[]> {
    return this.store.list(taskOwner(exchange));
  }

  /** Marks the task cancelled and stops its handler; false when it had already finished. */
  async cancel(task: StoredTask): Promise<boolean> {
    if (TERMINAL_STATUSES.has(task.status)) return false;
    task.status = 'cancelled';
    task.statusMessage = TasksMessages.cancelled();
    delete task.inputRequests;
    await this.save(task);
    if (!this.stopRun(task.taskId))
      await this.bus.publish({ kind: 'task-cancelled', taskId: task.taskId });
    return true;
  }

  private stopRun(taskId: string): boolean {
    const run = this.runs.get(taskId);
    if (!run) return false;
    run.cancel(new Error(TasksMessages.cancelled()));
    this.runs.delete(taskId);
    this.slots.free(taskId);
    return true;
  }

  /**
   * Stateless era: records answers to open questions; once none is left the handler runs
   * again with every answer so far. Unknown keys are ignored.
   */
  async update(task: StoredTask, responses: unknown): Promise<void> {
    if (!isObject(responses))
      throw new McpRequestError(ErrorCode.InvalidParams, TasksMessages.inputResponsesObject());
    if (task.status !== 'input_required' || !task.inputRequests) return;
    const pending = { ...task.inputRequests };
    const answers = { ...task.answers };
    for (const [key, value] of Object.entries(responses)) {
      if (!(key in pending)) continue;
      if (!isObject(value))
        throw new McpRequestError(ErrorCode.InvalidParams, TasksMessages.inputResponseObject(key));
      answers[key] = value;
      delete pending[key];
    }
    task.answers = answers;
    if (Object.keys(pending).length > 0) {
      task.inputRequests = pending;
      return this.save(task, false);
    }
    delete task.inputRequests;
    task.status = 'working';
    await this.save(task);
    const run = new TaskRun('task', answers);
    this.runs.set(task.taskId, run);
    const exchange = this.exchangeFor(task, run);
    const resumed = this.runner.resume(task.toolName, task.arguments, exchange);
    void this.execute(task, run, resumed).then((o) => this.settle(task.taskId, o, run));
  }

  /**
   * Session era `tasks/result`: carries the task's questions to the client on this request's
   * stream and waits until the task finishes.
   */
  async awaitTerminal(task: StoredTask, exchange: McpExchange): Promise<StoredTask> {
    while (!TERMINAL_STATUSES.has(task.status)) {
      if (exchange.signal.aborted)
        throw new McpError(ErrorCode.InvalidRequest, TasksMessages.requestCancelled());
      const run = this.runs.get(task.taskId);
      if (run) {
        const changed = run.changed();
        for (const question of run.questions.filter((q) => !q.dispatched)) {
          question.dispatched = true;
          exchange.input(question.method, question.params).then(question.resolve, (error) => {
            // A dropped stream leaves the question for the next tasks/result to carry.
            if (exchange.signal.aborted) question.dispatched = false;
            else question.reject(error instanceof Error ? error : new Error(String(error)));
          });
        }
        await Promise.race([changed, aborted(exchange.signal)]);
      } else {
        await new Promise((r) => setTimeout(r, task.pollIntervalMs));
      }
      task = await this.owned(task.taskId, exchange);
    }
    return task;
  }

  private exchangeFor(task: StoredTask, run: TaskRun, request?: McpExchange): McpExchange {
    return taskExchange(task, run, {
      request,
      toSession: (notification) => this.toSession(task, notification),
      askInSession: (method, params) => this.askInSession(task, run, method, params),
    });
  }

  private async persistNew(task: StoredTask, run: TaskRun): Promise<void> {
    if (!(await this.store.create(task))) {
      run.cancel(new Error(TasksMessages.storeFull()));
      throw new McpError(ErrorCode.ServerError, TasksMessages.storeFull(), undefined, 503);
    }
    this.runs.set(task.taskId, run);
  }

  /** The handler run's outcome, as the task records it. */
  private execute(
    task: StoredTask,
    run: TaskRun,
    result: Promise<Record<string, unknown>>,
  ): Promise<TaskOutcome> {
    return result.then(
      (result): TaskOutcome => ({ kind: 'result', result }),
      (error: unknown): TaskOutcome => outcomeOf(error, task, run),
    );
  }

  /** Records how a handler run ended, unless the task already finished (e.g. cancelled). */
  private async settle(taskId: string, outcome: TaskOutcome, run: TaskRun): Promise<void> {
    if (this.runs.get(taskId) === run) this.runs.delete(taskId);
    this.slots.free(taskId);
    const task = await this.store.get(taskId);
    if (!task || TERMINAL_STATUSES.has(task.status)) return run.wake();
    if (outcome.kind === 'result') {
      task.status = 'completed';
      task.result = outcome.result;
    } else if (outcome.kind === 'error') {
      task.status = 'failed';
      task.error = outcome.error;
    } else {
      task.status = 'input_required';
      task.inputRequests =
        outcome.kind === 'input' ? outcome.inputRequests : outcome.signal.inputRequests;
    }
    await this.save(task);
    run.wake();
  }

  /** Persists a change and tells a session-era client on its GET stream (best effort). */
  private async save(task: StoredTask, statusChanged = true): Promise<void> {
    task.lastUpdatedAt = Date.now();
    await this.store.update(task);
    if (statusChanged && task.era === 'session')
      this.toSession(task, {
        jsonrpc: '2.0',
        method: 'notifications/tasks/status',
        params: sessionTask(task),
      });
  }

  /** To the creating session's GET stream, on whichever replica holds it (or its stdio client). */
  private toSession(task: StoredTask, notification: JsonRpcNotification): void {
    if (task.sessionId)
      void this.outbox
        .toSession({ id: task.sessionId, principalId: task.principalId }, notification)
        .catch(() => undefined);
  }

  /** Session era: the task waits in input_required until a tasks/result stream carries it. */
  private async askInSession(
    task: StoredTask,
    run: TaskRun,
    method: InputMethod,
    params: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const meta = { ...(params._meta as Record<string, unknown> | undefined) };
    meta[RELATED_TASK_META] = { taskId: task.taskId };
    const answer = run.ask(method, { ...params, _meta: meta });
    await this.setStatus(task.taskId, 'input_required');
    try {
      return await answer;
    } finally {
      if (run.questions.length === 0) await this.setStatus(task.taskId, 'working');
    }
  }

  private async setStatus(taskId: string, status: 'working' | 'input_required'): Promise<void> {
    const task = await this.store.get(taskId);
    if (!task || TERMINAL_STATUSES.has(task.status) || task.status === status) return;
    task.status = status;
    await this.save(task);
    this.runs.get(taskId)?.wake();
  }
}
