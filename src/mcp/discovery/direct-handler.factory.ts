import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
} from '@nestjs/common/constants.js';
import type { ApplicationConfig } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import { MCP_PARAM_ARGS_METADATA } from '../config/mcp.constants.js';
import { McpParamType } from '../decorators/mcp-param.decorator.js';
import type { McpHandler } from '../registry/registry.types.js';

type Method = (...args: unknown[]) => unknown;
type ParamEntry = { index: number; pipes?: unknown[] };

const ENHANCER_KEYS = [
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
  EXCEPTION_FILTERS_METADATA,
];

const hasAny = (list: unknown): boolean => Array.isArray(list) && list.length > 0;

/** Whether any global guard, interceptor, pipe or filter is registered (APP_GUARD etc. too). */
function hasGlobalEnhancers(config: ApplicationConfig): boolean {
  return (
    hasAny(config.getGlobalGuards()) ||
    hasAny(config.getGlobalInterceptors()) ||
    hasAny(config.getGlobalPipes()) ||
    hasAny(config.getGlobalFilters()) ||
    hasAny(config.getGlobalRequestGuards()) ||
    hasAny(config.getGlobalRequestInterceptors()) ||
    hasAny(config.getGlobalRequestPipes()) ||
    hasAny(config.getGlobalRequestFilters())
  );
}

/**
 * A handler that calls the method directly, or undefined when Nest's pipeline has work to
 * do. Through ExternalContextCreator every call pays several promise hops and allocations
 * (guards, interceptors, pipes, the exception proxy) even when all of them are empty; a
 * method with no guard, interceptor, pipe or filter of its own, on its class or global, and
 * only `@Args()`/`@McpCtx()` parameters without pipes gets exactly the same outcome without
 * them: the same arguments, Observables resolved to their last value, errors rethrown as they
 * are (as QuietExceptionFilters does when no filter handles them).
 */
export function createDirectHandler(
  instance: object,
  classRef: object,
  method: Method,
  methodName: string,
  config: ApplicationConfig,
): McpHandler | undefined {
  if (hasGlobalEnhancers(config)) return undefined;
  for (const key of ENHANCER_KEYS)
    if (hasAny(Reflect.getMetadata(key, method)) || hasAny(Reflect.getMetadata(key, classRef)))
      return undefined;
  const params = (Reflect.getMetadata(MCP_PARAM_ARGS_METADATA, classRef, methodName) ??
    {}) as Record<string, ParamEntry>;
  let argsAt = -1;
  let ctxAt = -1;
  let length = 0;
  for (const [key, { index, pipes }] of Object.entries(params)) {
    // Custom param decorators and param pipes need the pipeline.
    if (hasAny(pipes)) return undefined;
    const type = Number(key.split(':')[0]);
    if (type === McpParamType.Args) argsAt = index;
    else if (type === McpParamType.Context) ctxAt = index;
    else return undefined;
    length = Math.max(length, index + 1);
  }
  const invoke =
    length === 0
      ? (args: unknown, ctx: unknown) => method.call(instance, args, ctx)
      : (args: unknown, ctx: unknown) => {
          const values = new Array<unknown>(length).fill(undefined);
          if (argsAt >= 0) values[argsAt] = args;
          if (ctxAt >= 0) values[ctxAt] = ctx;
          return method.apply(instance, values);
        };
  return async (args, ctx) => {
    const result = await invoke(args, ctx);
    return isObservable(result) ? lastValueFrom(result) : result;
  };
}
