import type { ParamsFactory } from '@nestjs/core';
import { McpParamType } from '../decorators/mcp-param.decorator.js';

/** Maps `@Args()` / `@McpCtx()` to the arguments the registry passes: `(args, ctx)`. */
export class McpParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, _data: unknown, args: unknown[]): unknown {
    if (type === McpParamType.Args) return args[0];
    if (type === McpParamType.Context) return args[1];
    return undefined;
  }
}
