import { Inject, Injectable } from '@nestjs/common';
import { visiblePage } from './visible-page.js';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { InputRequiredSignal } from '../context/input-required.signal.js';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { DEFAULT_PAGE_SIZE } from '../config/mcp.constants.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { RawJson } from '../protocol/raw-json.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import type { RegisteredTool } from '../registry/registry.types.js';
import { AccessChecker } from '../security/access.checker.js';
import { ConcurrencyLimiter } from '../security/concurrency.limiter.js';
import { McpRateLimiter } from '../security/rate-limiter.js';
import { taskModeOf } from '../tasks/task-mode.js';
import { sessionTask, statelessCreateResult } from '../tasks/task-wire.js';
import { TasksService } from '../tasks/tasks.service.js';
import { ListPageCache } from './list-page.cache.js';
import type { ToolCallListener, ToolCallOutcome } from './tool-call.outcome.js';
import { invalidArguments, ToolInvoker } from './tool.invoker.js';
import { toolError } from './tool-result.normalizer.js';

/** `tools/list` and `tools/call`. */
@Injectable()
export class ToolsHandler {
  private readonly pages = new ListPageCache<{ tools: RawJson; nextCursor?: string }>();
  private readonly listeners: ToolCallListener[] = [];

  constructor(
    private readonly registry: McpRegistry,
    private readonly access: AccessChecker,
    private readonly limiter: McpRateLimiter,
    private readonly concurrency: ConcurrencyLimiter,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    private readonly tasks: TasksService,
    private readonly invoker: ToolInvoker,
  ) {
    registry.onChange((kind) => {
      if (kind === 'tools') this.pages.clear();
    });
  }

  /** Hears every finished call of a registered tool (metrics use it). */
  onCallEnded(listener: ToolCallListener): void {
    this.listeners.push(listener);
  }

  /** A page served serialised from cache until the tool list changes. */
  list(params: Record<string, unknown>, exchange: McpExchange): Record<string, unknown> {
    const { tools, nextCursor } = this.pages.get(exchange.principal, params.cursor, () => {
      const { page, nextCursor } = visiblePage(
        this.registry.listTools(),
        exchange.principal,
        (t) => t.name,
        params.cursor,
        this.options.pageSize ?? DEFAULT_PAGE_SIZE,
      );
      return { tools: new RawJson(JSON.stringify(page)), nextCursor };
    });
    return nextCursor ? { tools, nextCursor } : { tools };
  }

  async call(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    const slot: CallSlot = { release: this.concurrency.call(exchange.clientKey) };
    try {
      const tool = this.invoker.find(params.name);
      // Counted only for registered tools, so callers cannot grow the label set.
      if (!tool || this.listeners.length === 0) return await this.run(tool, params, exchange, slot);
      return await this.measured(tool, params, exchange, slot);
    } finally {
      slot.release();
    }
  }

  private async measured(
    tool: RegisteredTool,
    params: Record<string, unknown>,
    exchange: McpExchange,
    slot: CallSlot,
  ): Promise<Record<string, unknown>> {
    const started = performance.now();
    let outcome: ToolCallOutcome = 'protocol_error';
    try {
      const result = await this.run(tool, params, exchange, slot);
      outcome = result.isError === true ? 'error' : 'ok';
      return result;
    } catch (error) {
      if (error instanceof InputRequiredSignal) outcome = 'input_required';
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      for (const listener of this.listeners) listener(tool.definition.name, outcome, seconds);
    }
  }

  private async run(
    tool: RegisteredTool | undefined,
    params: Record<string, unknown>,
    exchange: McpExchange,
    slot: CallSlot,
  ): Promise<Record<string, unknown>> {
    const unknown = () =>
      new McpError(ErrorCode.InvalidParams, `Unknown tool: ${String(params.name)}`);
    this.access.assertCanCall(tool?.policy, exchange.principal, unknown);
    if (!tool) throw unknown();
    await this.limiter.tool(tool.definition.name, tool.policy.rateLimit, exchange.clientKey);
    const args = params.arguments ?? {};
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      return toolError('Invalid arguments: arguments must be an object');
    }
    const checked = await tool.input.validate(args);
    if (!checked.ok) return invalidArguments(tool, checked.message);
    const mode = taskModeOf(
      tool.definition.execution?.taskSupport,
      tool.definition.name,
      params,
      exchange,
    );
    if (mode === 'sync') return this.invoker.invoke(tool, checked.value, exchange);
    // The task keeps the in-flight slot until its handler run ends, not just until launch.
    const onSettled = slot.release;
    slot.release = () => undefined;
    const task = await this.tasks.launch({
      onSettled,
      tool,
      value: checked.value,
      arguments: args as Record<string, unknown>,
      exchange,
      inputFirst: mode === 'task-after-input',
      requestedTtlMs: (params.task as { ttl?: number } | undefined)?.ttl,
    });
    return exchange.era === 'stateless' ? statelessCreateResult(task) : { task: sessionTask(task) };
  }
}

/** The in-flight slot of one call; a task takes it over. */
interface CallSlot {
  release: () => void;
}
