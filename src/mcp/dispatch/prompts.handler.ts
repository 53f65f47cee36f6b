import { Inject, Injectable } from '@nestjs/common';
import { listAnswer } from './visible-page.js';
import { McpContext } from '../context/mcp-context.js';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { DEFAULT_PAGE_SIZE } from '../config/mcp.constants.js';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import { AccessChecker } from '../security/access.checker.js';
import { normalizePromptResult } from './prompt-result.normalizer.js';

/** `prompts/list` and `prompts/get`. */
@Injectable()
export class PromptsHandler {
  constructor(
    private readonly registry: McpRegistry,
    private readonly access: AccessChecker,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
  ) {}

  list(params: Record<string, unknown>, exchange: McpExchange): Record<string, unknown> {
    const pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    return listAnswer(
      'prompts',
      this.registry.listPrompts(),
      (p) => p.name,
      params,
      exchange.principal,
      pageSize,
    );
  }

  async get(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    const name = params.name;
    const prompt = typeof name === 'string' ? this.registry.getPrompt(name) : undefined;
    const unknown = (): McpError =>
      new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${String(name)}`);
    this.access.assertCanCall(prompt?.policy, exchange.principal, unknown);
    if (!prompt) throw unknown();
    const args = (params.arguments ?? {}) as Record<string, unknown>;
    if (typeof args !== 'object' || Array.isArray(args))
      throw new McpError(ErrorCode.InvalidParams, 'arguments must be an object');
    for (const arg of prompt.definition.arguments ?? []) {
      if (arg.required && (args[arg.name] === undefined || args[arg.name] === '')) {
        throw new McpError(
          ErrorCode.InvalidParams,
          `Missing required argument "${arg.name}" of prompt ${prompt.definition.name}`,
        );
      }
    }
    const value = await prompt.handler(args, new McpContext(exchange));
    return normalizePromptResult(value, prompt.definition.description);
  }
}
