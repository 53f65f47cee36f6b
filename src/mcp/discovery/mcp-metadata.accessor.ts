import { Injectable, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { McpParamType } from '../decorators/mcp-param.decorator.js';
import type { PromptOptions } from '../decorators/prompt.decorator.js';
import type { ResourceOptions } from '../decorators/resource.decorator.js';
import type { ResourceTemplateOptions } from '../decorators/resource-template.decorator.js';
import type { ToolOptions } from '../decorators/tool-options.interface.js';
import {
  MCP_PARAM_ARGS_METADATA,
  MCP_PROMPT_METADATA,
  MCP_PUBLIC_METADATA,
  MCP_RESOURCE_METADATA,
  MCP_RESOURCE_TEMPLATE_METADATA,
  MCP_TOOL_METADATA,
} from '../config/mcp.constants.js';
import { isValidatedDto } from '../schema/dto-schema.compiler.js';
import type { SchemaSource } from '../schema/schema-source.type.js';

/** Handlers that read arguments of an undeclared shape accept any object, as they always did. */
const OPEN_OBJECT_SCHEMA: SchemaSource = Object.freeze({ type: 'object' });

type Method = (...args: unknown[]) => unknown;

/** Reads this library's decorator metadata off a handler method. */
@Injectable()
export class McpMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  tool(method: Method): ToolOptions | undefined {
    return this.reflector.get<ToolOptions | undefined>(MCP_TOOL_METADATA, method);
  }

  resource(method: Method): ResourceOptions | undefined {
    return this.reflector.get<ResourceOptions | undefined>(MCP_RESOURCE_METADATA, method);
  }

  resourceTemplate(method: Method): ResourceTemplateOptions | undefined {
    return this.reflector.get<ResourceTemplateOptions | undefined>(
      MCP_RESOURCE_TEMPLATE_METADATA,
      method,
    );
  }

  prompt(method: Method): PromptOptions | undefined {
    return this.reflector.get<PromptOptions | undefined>(MCP_PROMPT_METADATA, method);
  }

  isPublic(method: Method, classRef: Type<unknown>): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(MCP_PUBLIC_METADATA, [
        method,
        classRef,
      ]) === true
    );
  }

  /** A `@Throttle({ default: { limit, ttl } })` from @nestjs/throttler on the method, read without importing it. */
  throttle(method: Method): { limit: number; ttlMs: number } | undefined {
    const limit = Reflect.getMetadata('THROTTLER:LIMITdefault', method) as unknown;
    const ttl = Reflect.getMetadata('THROTTLER:TTLdefault', method) as unknown;
    return typeof limit === 'number' && typeof ttl === 'number' ? { limit, ttlMs: ttl } : undefined;
  }

  /**
   * The input schema a handler implies when its options name none: its `@Args()` DTO when that
   * is a class-validator DTO; an open object when it reads `@Args()` of an undeclared shape (the
   * schema's absence is not a promise of no arguments); nothing when it takes no arguments.
   */
  argsSchema(classRef: Type<unknown>, methodName: string): SchemaSource | undefined {
    const params = (Reflect.getMetadata(MCP_PARAM_ARGS_METADATA, classRef, methodName) ??
      {}) as Record<string, { index: number }>;
    const entry = Object.entries(params).find(([key]) => key.startsWith(`${McpParamType.Args}:`));
    if (!entry) return undefined;
    return this.argsDto(classRef, methodName, entry[1].index) ?? OPEN_OBJECT_SCHEMA;
  }

  private argsDto(
    classRef: Type<unknown>,
    methodName: string,
    index: number,
  ): Type<unknown> | undefined {
    const types = (Reflect.getMetadata(
      'design:paramtypes',
      classRef.prototype as object,
      methodName,
    ) ?? []) as unknown[];
    const type = types[index];
    return typeof type === 'function' && isValidatedDto(type as Type<unknown>)
      ? (type as Type<unknown>)
      : undefined;
  }
}
