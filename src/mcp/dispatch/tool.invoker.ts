import { HttpException, Injectable } from '@nestjs/common';
import { McpContext } from '../context/mcp-context.js';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { InputRequiredSignal } from '../context/input-required.signal.js';
import { McpLogger } from '../logging/mcp.logger.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import type { RegisteredTool } from '../registry/registry.types.js';
import { principalKey } from '../security/principal.key.js';
import type { TaskToolRunner } from '../tasks/task-tool.runner.js';
import { TelemetryMessages } from '../telemetry/telemetry.messages.js';
import { normalizeToolResult, toolError } from './tool-result.normalizer.js';

/**
 * Runs a tool's handler, for a plain call and for a task alike: handler failures become
 * `isError` results with one warning line; protocol errors and input-required signals go on.
 */
@Injectable()
export class ToolInvoker implements TaskToolRunner {
  private readonly logger = new McpLogger('McpTools');

  constructor(private readonly registry: McpRegistry) {}

  /** The registered tool named `name`, if any (the one lookup of a call). */
  find(name: unknown): RegisteredTool | undefined {
    return typeof name === 'string' ? this.registry.getTool(name) : undefined;
  }

  async invoke(
    tool: RegisteredTool,
    value: unknown,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    const started = performance.now();
    let result: unknown;
    try {
      result = await tool.handler(value, new McpContext(exchange));
    } catch (error) {
      if (error instanceof McpError || error instanceof InputRequiredSignal) throw error;
      const message = errorMessage(error);
      // A cancelled call's error is the cancellation, not a failure worth a line.
      if (!exchange.signal.aborted) this.logFailure(tool, exchange, started, error, message);
      return toolError(message);
    }
    return normalizeToolResult(result, tool);
  }

  async resume(
    toolName: string,
    args: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    const tool = this.find(toolName);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${toolName}`);
    const checked = await tool.input.validate(args);
    if (!checked.ok) return invalidArguments(tool, checked.message);
    return this.invoke(tool, checked.value, exchange);
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

/** The `isError` result of arguments the tool's schema refuses. */
export function invalidArguments(tool: RegisteredTool, why: string): Record<string, unknown> {
  return toolError(`Invalid arguments for tool ${tool.definition.name}: ${why}`);
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
