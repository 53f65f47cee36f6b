import type { ExecutionContext } from '@nestjs/common';
import { MCP_CONTEXT_TYPE } from '../config/mcp.constants.js';
import type { McpPrincipal } from '../security/principal.interface.js';
import type { McpContext } from './mcp-context.js';

/**
 * Reads an MCP call out of the ExecutionContext that guards, interceptors and filters receive
 * (as GqlExecutionContext does for GraphQL): the validated arguments, the call context, the
 * principal.
 * @example
 * canActivate(context: ExecutionContext) {
 *   if (context.getType<string>() !== 'mcp') return true;
 *   return McpExecutionContext.create(context).getPrincipal().roles.includes('ops');
 * }
 */
export class McpExecutionContext {
  private constructor(private readonly context: ExecutionContext) {}

  /** Wraps a guard's or interceptor's context; throws unless `context.getType() === 'mcp'`. */
  static create(context: ExecutionContext): McpExecutionContext {
    if (context.getType<string>() !== MCP_CONTEXT_TYPE) {
      throw new Error(
        `McpExecutionContext.create() needs an '${MCP_CONTEXT_TYPE}' context, got '${context.getType()}'`,
      );
    }
    return new McpExecutionContext(context);
  }

  /** The validated arguments of the tool or prompt (a template's variables; `{ uri }` for a resource). */
  getArgs<T = Record<string, unknown>>(): T {
    return this.context.getArgByIndex<T>(0);
  }

  /** The call's {@link McpContext}. */
  getContext(): McpContext {
    return this.context.getArgByIndex<McpContext>(1);
  }

  /** Who is calling (the same as `getContext().principal`). */
  getPrincipal(): McpPrincipal {
    return this.getContext().principal;
  }

  /** The class behind the handler, for reading its metadata. */
  getClass(): ReturnType<ExecutionContext['getClass']> {
    return this.context.getClass();
  }

  /** The method behind the handler, for reading its metadata (`Reflector.get(key, handler)`). */
  getHandler(): ReturnType<ExecutionContext['getHandler']> {
    return this.context.getHandler();
  }
}
