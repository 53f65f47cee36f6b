import { HttpException, Inject, Injectable, Optional } from '@nestjs/common';
import { McpContext } from '../context/mcp-context.js';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { MCP_MODULE_OPTIONS } from '../mcp.module-definition.js';
import type { McpModuleOptions } from '../mcp-options.interface.js';
import { DEFAULT_PAGE_SIZE } from '../mcp.constants.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { paginate } from '../registry/list-cursor.js';
import { McpMetrics, type ToolCallOutcome } from '../metrics/mcp-metrics.service.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import { AccessChecker } from '../security/access.checker.js';
import { ConcurrencyLimiter } from '../security/concurrency.limiter.js';
import { McpRateLimiter } from '../security/rate-limiter.js';
import { canUse } from '../security/access.policy.js';
import { principalKey } from '../security/principal.key.js';
import { taskModeOf } from '../tasks/task-mode.js';
import { sessionTask, statelessCreateResult } from '../tasks/task-wire.js';
import { TasksService } from '../tasks/tasks.service.js';
import type { RegisteredTool } from '../registry/registry.types.js';
import { RawJson } from '../protocol/raw-json.js';
import { InputRequiredSignal } from './input-required.signal.js';
import { ListPageCache } from './list-page.cache.js';
import { normalizeToolResult, toolError } from './tool-result.normalizer.js';
import { McpLogger } from '../logging/mcp.logger.js';
import { TelemetryMessages } from '../telemetry/telemetry.messages.js';

/** `tools/list` and `tools/call`. */
@Injectable()
export class ToolsHandler {
  private readonly pages = new ListPageCache<{ tools: RawJson; nextCursor?: string }>();
  private readonly logger = new McpLogger('McpTools');

  constructor(
    private readonly registry: McpRegistry,
    private readonly access: AccessChecker,
    private readonly limiter: McpRateLimiter,
    private readonly concurrency: ConcurrencyLimiter,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    private readonly tasks: TasksService,
    @Optional() private readonly metrics?: McpMetrics,
  ) {
    tasks.useRunner((name, args, exchange) => this.runTask(name, args, exchange));
    registry.onChange((kind) => {
      if (kind === 'tools') this.pages.clear();
    });
  }

  /** A page served serialised from cache until the tool list changes. */
  list(params: Record<string, unknown>, exchange: McpExchange): Record<string, unknown> {
    const { tools, nextCursor } = this.pages.get(exchange.principal, params.cursor, () => {
      const visible = this.registry.listTools().filter((t) => canUse(t.policy, exchange.principal));
      const { page, nextCursor } = paginate(
        visible,
        (t) => t.definition.name,
        params.cursor,
        this.options.pageSize ?? DEFAULT_PAGE_SIZE,
      );
      return { tools: new RawJson(JSON.stringify(page.map((t) => t.definition))), nextCursor };
    });
    return nextCursor ? { tools, nextCursor } : { tools };
  }

  async call(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    const slot: CallSlot = { release: this.concurrency.call(exchange.clientKey) };
    try {
      return await this.measured(params, exchange, slot);
    } finally {
      slot.release();
    }
  }

  private async measured(
    params: Record<string, unknown>,
    exchange: McpExchange,
    slot: CallSlot,
  ): Promise<Record<string, unknown>> {
    // Counted only for registered tools, so callers cannot grow the label set.
    const tool = typeof params.name === 'string' ? this.registry.getTool(params.name) : undefined;
    if (!tool || !this.metrics?.available) return this.execute(params, exchange, slot);
    const started = performance.now();
    let outcome: ToolCallOutcome = 'protocol_error';
    try {
      const result = await this.execute(params, exchange, slot);
      outcome = result.isError === true ? 'error' : 'ok';
      return result;
    } catch (error) {
      if (error instanceof InputRequiredSignal) outcome = 'input_required';
      throw error;
    } finally {
      this.metrics.toolCall(tool.definition.name, outcome, (performance.now() - started) / 1000);
    }
  }

  private async execute(
    params: Record<string, unknown>,
    exchange: McpExchange,
    slot: CallSlot,
  ): Promise<Record<string, unknown>> {
    const name = params.name;
    const tool = typeof name === 'string' ? this.registry.getTool(name) : undefined;
    this.access.assertCanCall(
      tool?.policy,
      exchange.principal,
      () => new McpError(ErrorCode.InvalidParams, `Unknown tool: ${String(name)}`),
    );
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${String(name)}`);
    await this.limiter.tool(tool.definition.name, tool.policy.rateLimit, exchange.clientKey);
    const args = params.arguments ?? {};
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      return toolError('Invalid arguments: arguments must be an object');
    }
    const checked = await tool.input.validate(args);
    if (!checked.ok)
      return toolError(`Invalid arguments for tool ${tool.definition.name}: ${checked.message}`);
    const mode = taskModeOf(
      tool.definition.execution?.taskSupport,
      tool.definition.name,
      params,
      exchange,
    );
    if (mode === 'sync') return this.invoke(tool, checked.value, exchange);
    // The task keeps the in-flight slot until its handler run ends, not just until launch.
    const onSettled = slot.release;
    slot.release = () => undefined;
    const task = await this.tasks.launch({
      onSettled,
      toolName: tool.definition.name,
      arguments: args as Record<string, unknown>,
      exchange,
      inputFirst: mode === 'task-after-input',
      requestedTtlMs: (params.task as { ttl?: number } | undefined)?.ttl,
    });
    return exchange.era === 'stateless' ? statelessCreateResult(task) : { task: sessionTask(task) };
  }

  /** A task's run (also after `tasks/update`): arguments checked again, tool errors as results. */
  private async runTask(
    name: string,
    args: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    const tool = this.registry.getTool(name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const checked = await tool.input.validate(args);
    if (!checked.ok) return toolError(`Invalid arguments for tool ${name}: ${checked.message}`);
    return this.invoke(tool, checked.value, exchange);
  }

  private async invoke(
    tool: RegisteredTool,
    args: unknown,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    let value: unknown;
    const started = performance.now();
    try {
      value = await tool.handler(args, new McpContext(exchange));
    } catch (error) {
      if (error instanceof McpError || error instanceof InputRequiredSignal) throw error;
      const message = errorMessage(error);
      // A cancelled call's error is the cancellation, not a failure worth a line.
      if (!exchange.signal.aborted) this.logFailure(tool, exchange, started, error, message);
      return toolError(message);
    }
    return normalizeToolResult(value, tool);
  }

  /** The one line a failing handler gets: warn, no stack (it became an `isError` result). */
  private logFailure(
    tool: RegisteredTool,
    exchange: McpExchange,
    started: number,
    error: unknown,
    message: string,
  ): void {
    const kind = error instanceof Error ? error.name : typeof error;
    this.logger.warn(
      TelemetryMessages.handlerFailed(
        tool.definition.name,
        String(exchange.requestId),
        principalKey(exchange.principal),
        performance.now() - started,
        `${kind}: ${message}`,
      ),
      exchange.sessionId === undefined
        ? undefined
        : { requestId: String(exchange.requestId), sessionId: exchange.sessionId },
    );
  }
}

/** The in-flight slot of one call; a task takes it over. */
interface CallSlot {
  release: () => void;
}

function errorMessage(error: unknown): string {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    if (typeof response === 'object' && response && 'message' in response) {
      const message = response.message;
      return Array.isArray(message) ? message.join('; ') : String(message);
    }
  }
  return error instanceof Error ? error.message : String(error);
}
