import type { PipeTransform, Type } from '@nestjs/common';
import { mcpParam, McpParamType } from './mcp-param.decorator.js';

/**
 * Injects the validated arguments of a tool or prompt (or a template's variables).
 * Typed with a class-validator DTO, that class becomes the tool's input schema.
 * Pipes given here run after validation.
 * @example
 * find(@Args() args: FindOrderDto) {}
 */
export const Args = (...pipes: (Type<PipeTransform> | PipeTransform)[]): ParameterDecorator =>
  mcpParam(McpParamType.Args, pipes);
