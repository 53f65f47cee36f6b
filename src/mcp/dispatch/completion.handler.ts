import { Injectable } from '@nestjs/common';
import type { CompletionHook } from '../decorators/completion-hook.type.js';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import { canUse } from '../security/access.policy.js';

const MAX_VALUES = 100;

/** `completion/complete` for prompt arguments and resource-template variables. */
@Injectable()
export class CompletionHandler {
  constructor(private readonly registry: McpRegistry) {}

  async complete(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    const ref = params.ref as { type?: string; name?: string; uri?: string } | undefined;
    const argument = params.argument as { name?: string; value?: string } | undefined;
    if (!ref || !argument || typeof argument.name !== 'string') {
      throw new McpError(
        ErrorCode.InvalidParams,
        'completion/complete needs ref and argument { name, value }',
      );
    }
    const hook = this.findHook(ref, argument.name, exchange);
    const context =
      (params.context as { arguments?: Record<string, string> } | undefined)?.arguments ?? {};
    const all = hook ? await hook(String(argument.value ?? ''), context) : [];
    return {
      completion: {
        values: all.slice(0, MAX_VALUES),
        total: all.length,
        hasMore: all.length > MAX_VALUES,
      },
    };
  }

  private findHook(
    ref: { type?: string; name?: string; uri?: string },
    argument: string,
    exchange: McpExchange,
  ): CompletionHook | undefined {
    if (ref.type === 'ref/prompt') {
      const prompt = this.registry.getPrompt(String(ref.name));
      if (!prompt || !canUse(prompt.policy, exchange.principal))
        throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${String(ref.name)}`);
      return prompt.complete[argument];
    }
    if (ref.type === 'ref/resource') {
      const template = this.registry.getResourceTemplate(String(ref.uri));
      if (!template || !canUse(template.policy, exchange.principal)) return undefined;
      return template.complete[argument];
    }
    throw new McpError(
      ErrorCode.InvalidParams,
      `Unknown completion reference type: ${String(ref.type)}`,
    );
  }
}
