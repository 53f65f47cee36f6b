import { Injectable } from '@nestjs/common';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { CompletionHandler } from './completion.handler.js';
import { PromptsHandler } from './prompts.handler.js';
import { ResourcesHandler } from './resources.handler.js';
import { ToolsHandler } from './tools.handler.js';
import { TasksHandler } from '../tasks/tasks.handler.js';

type MethodHandler = (
  params: Record<string, unknown>,
  exchange: McpExchange,
) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** Methods whose complete results clients may cache (the stateless era adds ttlMs/cacheScope). */
export const CACHEABLE_METHODS: ReadonlySet<string> = new Set([
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
]);

/**
 * The era-agnostic core: routes a request to the handler of its method. Lifecycle methods
 * (initialize, server/discover, subscriptions) belong to the era adapters, not here.
 */
@Injectable()
export class McpDispatcher {
  private readonly methods: ReadonlyMap<string, MethodHandler>;

  constructor(
    tools: ToolsHandler,
    resources: ResourcesHandler,
    prompts: PromptsHandler,
    completion: CompletionHandler,
    tasks: TasksHandler,
  ) {
    this.methods = new Map<string, MethodHandler>([
      ['tools/list', (p, e) => tools.list(p, e)],
      ['tools/call', (p, e) => tools.call(p, e)],
      ['resources/list', (p, e) => resources.list(p, e)],
      ['resources/templates/list', (p, e) => resources.listTemplates(p, e)],
      ['resources/read', (p, e) => resources.read(p, e)],
      ['prompts/list', (p, e) => prompts.list(p, e)],
      ['prompts/get', (p, e) => prompts.get(p, e)],
      ['completion/complete', (p, e) => completion.complete(p, e)],
      ['tasks/get', (p, e) => tasks.get(p, e)],
      ['tasks/update', (p, e) => tasks.update(p, e)],
      ['tasks/cancel', (p, e) => tasks.cancel(p, e)],
      ['tasks/result', (p, e) => tasks.result(p, e)],
      ['tasks/list', (p, e) => tasks.list(p, e)],
    ]);
  }

  has(method: string): boolean {
    return this.methods.has(method);
  }

  async dispatch(
    method: string,
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    const handler = this.methods.get(method);
    if (!handler) throw new McpError(ErrorCode.MethodNotFound, `Method not found: ${method}`);
    return handler(params, exchange);
  }
}
