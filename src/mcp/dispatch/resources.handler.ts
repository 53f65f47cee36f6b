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
import { normalizeResourceContents } from './resource-result.normalizer.js';

/** `resources/list`, `resources/templates/list` and `resources/read`. */
@Injectable()
export class ResourcesHandler {
  constructor(
    private readonly registry: McpRegistry,
    private readonly access: AccessChecker,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
  ) {}

  list(params: Record<string, unknown>, exchange: McpExchange): Record<string, unknown> {
    const entries = this.registry.listResources();
    return listAnswer(
      'resources',
      entries,
      (r) => r.uri,
      params,
      exchange.principal,
      this.pageSize,
    );
  }

  listTemplates(params: Record<string, unknown>, exchange: McpExchange): Record<string, unknown> {
    const entries = this.registry.listResourceTemplates();
    const keyOf = (t: { uriTemplate: string }) => t.uriTemplate;
    return listAnswer(
      'resourceTemplates',
      entries,
      keyOf,
      params,
      exchange.principal,
      this.pageSize,
    );
  }

  async read(
    params: Record<string, unknown>,
    exchange: McpExchange,
  ): Promise<Record<string, unknown>> {
    const uri = params.uri;
    if (typeof uri !== 'string' || uri.length === 0)
      throw new McpError(ErrorCode.InvalidParams, 'params.uri must be a non-empty string');
    const ctx = new McpContext(exchange);
    const fixed = this.registry.getResource(uri);
    const matched = fixed ? undefined : this.registry.matchTemplate(uri);
    this.access.assertCanCall(fixed?.policy ?? matched?.template.policy, exchange.principal, () =>
      notFound(uri, exchange),
    );
    let value: unknown;
    let mimeType: string | undefined;
    if (fixed) {
      value = await fixed.handler({ uri }, ctx);
      mimeType = fixed.definition.mimeType;
    } else if (matched) {
      value = await matched.template.handler(matched.variables, ctx);
      mimeType = matched.template.definition.mimeType;
    }
    const contents = normalizeResourceContents(value, uri, mimeType);
    if (!contents) throw notFound(uri, exchange);
    return { contents };
  }

  private get pageSize(): number {
    return this.options.pageSize ?? DEFAULT_PAGE_SIZE;
  }
}

/** The session era uses -32002; the stateless era moved "not found" to -32602. */
function notFound(uri: string, exchange: McpExchange): McpError {
  const code = exchange.era === 'stateless' ? ErrorCode.InvalidParams : ErrorCode.ResourceNotFound;
  return new McpError(code, `Resource not found: ${uri}`, { uri });
}
