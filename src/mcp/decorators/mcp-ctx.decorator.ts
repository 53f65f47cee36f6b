import { mcpParam, McpParamType } from './mcp-param.decorator.js';

/**
 * Injects the {@link McpContext} of the call: principal, abort signal, progress, logging,
 * elicitation, sampling and roots — the same API in both protocol eras.
 * @example
 * async cancel(@Args() args: CancelDto, @McpCtx() ctx: McpContext) { await ctx.progress(1, 2); }
 */
export const McpCtx = (): ParameterDecorator => mcpParam(McpParamType.Context, []);
