import type { ArgumentsHost } from '@nestjs/common';
import type { ExternalContextCreator, NestContainer } from '@nestjs/core';
import { ExecutionContextHost, ExternalExceptionFilterContext } from '../config/nest-internals.js';

type Run = (...args: unknown[]) => Promise<unknown>;
type FilterChain = { invokeCustomFilters(error: unknown, host: ArgumentsHost): unknown };

/**
 * Runs the exception filters bound to an MCP handler (method, class and global ones) as Nest's
 * external error proxy does, with one difference: an exception no filter handles is rethrown
 * without Nest's `ERROR [ExceptionsHandler]` line and stack. The MCP core answers such an
 * exception (an `isError` result, a JSON-RPC error) and logs it once, at the level it deserves;
 * Nest's line would page an operator for a tool that merely reported a failure.
 */
export class QuietExceptionFilters {
  private readonly context?: ExternalExceptionFilterContext;

  constructor(creator: ExternalContextCreator) {
    // The container Nest built the creator from; without it (another Nest), Nest's own proxy is kept.
    const container = (creator as unknown as { container?: NestContainer }).container;
    if (container)
      this.context = new ExternalExceptionFilterContext(container, container.applicationConfig);
  }

  /** False when Nest's own filter proxy must be used (see the constructor). */
  get available(): boolean {
    return this.context !== undefined;
  }

  /** `run` (built with `filters: false`) wrapped in the handler's own exception filters. */
  wrap(
    run: Run,
    instance: object,
    callback: (...args: unknown[]) => unknown,
    moduleKey: string,
    contextType: string,
  ): Run {
    const create = this.context!.create.bind(this.context) as (
      instance: object,
      callback: (...args: unknown[]) => unknown,
      module: string,
    ) => FilterChain;
    const chain = create(instance, callback, moduleKey);
    return async (...args) => {
      try {
        return await run(...args);
      } catch (error) {
        const host = new ExecutionContextHost(args);
        host.setType(contextType);
        // As Nest: `undefined` from the chain means no filter handled it.
        const handled: unknown = await chain.invokeCustomFilters(error, host);
        if (handled === undefined) throw error;
        return handled;
      }
    };
  }
}
