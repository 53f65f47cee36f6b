import { Inject, Injectable } from '@nestjs/common';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { DEFAULT_PAGE_SIZE } from '../config/mcp.constants.js';
import { ErrorCode, McpError, McpRequestError } from '../protocol/mcp.error.js';
import { paginate } from '../registry/list-cursor.js';
import { sessionTask, statelessDetailedTask } from './task-wire.js';
import { RELATED_TASK_META, TASKS_EXTENSION } from './tasks.constants.js';
import { TasksMessages } from './tasks.messages.js';
import { TasksService } from './tasks.service.js';

/** True when the request's client capabilities declare the 2026-07-28 tasks extension. */
export function declaresTasks(exchange: McpExchange): boolean {
  const extensions = exchange.clientCapabilities.extensions;
  return (
    typeof extensions === 'object' &&
    extensions !== null &&
    (extensions as Record<string, unknown>)[TASKS_EXTENSION] != null
  );
}

/** The -32021 of a stateless request that needs the tasks extension it did not declare. */
export function missingTasksExtension(message: string): McpError {
  return new McpRequestError(ErrorCode.MissingCapability, message, {
    requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } },
  });
}

/**
 * `tasks/*` in both eras. Session era (2025-11-25): get, result, list, cancel returning the
 * task. Stateless era (2026-07-28 extension): get, update, cancel as bare acks; list and
 * result no longer exist there (the stateless adapter answers them 404).
 */
@Injectable()
export class TasksHandler {
  constructor(
    private readonly tasks: TasksService,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
  ) {}

  async get(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    this.gate('tasks/get', exchange);
    const task = await this.tasks.owned(params.taskId, exchange);
    return exchange.era === 'stateless' ? statelessDetailedTask(task) : sessionTask(task);
  }

  async update(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    if (exchange.era === 'session') throw notFound('tasks/update');
    this.gate('tasks/update', exchange);
    const task = await this.tasks.owned(params.taskId, exchange);
    await this.tasks.update(task, params.inputResponses);
    return {};
  }

  async cancel(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    this.gate('tasks/cancel', exchange);
    const task = await this.tasks.owned(params.taskId, exchange);
    const cancelled = await this.tasks.cancel(task);
    if (exchange.era === 'stateless') return {};
    if (!cancelled)
      throw new McpError(
        ErrorCode.InvalidParams,
        TasksMessages.alreadyTerminal(task.taskId, task.status),
      );
    return sessionTask(task);
  }

  /** Session era: waits for the end, then answers exactly as the call itself would have. */
  async result(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    if (exchange.era === 'stateless') throw notFound('tasks/result');
    const task = await this.tasks.awaitTerminal(
      await this.tasks.owned(params.taskId, exchange),
      exchange,
    );
    if (task.status === 'failed' && task.error)
      throw new McpError(task.error.code, task.error.message, task.error.data);
    if (task.status !== 'completed' || !task.result)
      throw new McpError(ErrorCode.InvalidRequest, TasksMessages.cancelled());
    const meta = { ...(task.result._meta as Record<string, unknown> | undefined) };
    meta[RELATED_TASK_META] = { taskId: task.taskId };
    return { ...task.result, _meta: meta };
  }

  async list(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    if (exchange.era === 'stateless') throw notFound('tasks/list');
    const tasks = await this.tasks.list(exchange);
    const keyOf = (t: { createdAt: number; taskId: string }): string =>
      `${String(t.createdAt).padStart(15, '0')}:${t.taskId}`;
    const sorted = tasks.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    const { page, nextCursor } = paginate(
      sorted,
      keyOf,
      params.cursor,
      this.options.pageSize ?? DEFAULT_PAGE_SIZE,
    );
    return { tasks: page.map(sessionTask), ...(nextCursor ? { nextCursor } : {}) };
  }

  /** Stateless era: the task methods answer only requests that declare the extension. */
  private gate(method: string, exchange: McpExchange): void {
    if (exchange.era === 'stateless' && !declaresTasks(exchange))
      throw missingTasksExtension(TasksMessages.extensionRequired(method));
  }
}

/** -32601 (the HTTP edge answers it with 404 only in the stateless era). */
function notFound(method: string): McpError {
  return new McpError(ErrorCode.MethodNotFound, TasksMessages.methodRemoved(method));
}
