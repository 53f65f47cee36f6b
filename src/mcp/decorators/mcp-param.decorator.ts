import type { PipeTransform, Type } from '@nestjs/common';
import { MCP_PARAM_ARGS_METADATA } from '../config/mcp.constants.js';

/** Which value a handler parameter receives. */
export const McpParamType = { Args: 0, Context: 1 } as const;
export type McpParamType = (typeof McpParamType)[keyof typeof McpParamType];

type ParamsMetadata = Record<
  string,
  { index: number; data?: unknown; pipes: (Type<PipeTransform> | PipeTransform)[] }
>;

/** Records a parameter in the shape Nest's ExternalContextCreator reads (`type:index`). */
export function mcpParam(
  type: McpParamType,
  pipes: (Type<PipeTransform> | PipeTransform)[],
): ParameterDecorator {
  return (target, key, index) => {
    if (key === undefined) return;
    const existing = (Reflect.getMetadata(MCP_PARAM_ARGS_METADATA, target.constructor, key) ??
      {}) as ParamsMetadata;
    Reflect.defineMetadata(
      MCP_PARAM_ARGS_METADATA,
      { ...existing, [`${type}:${index}`]: { index, data: undefined, pipes } },
      target.constructor,
      key,
    );
  };
}
