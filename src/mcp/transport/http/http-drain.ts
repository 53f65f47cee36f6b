import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { DEFAULT_SSE_RETRY_MS } from '../../config/mcp.constants.js';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { reject } from './http-response.writer.js';
import { HttpMessages } from './http.messages.js';

/** How long shutdown waits for calls in flight before streams are cut. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

/**
 * Graceful shutdown of the HTTP transports. When the app closes (SIGTERM with
 * `enableShutdownHooks()`): readiness (which reads {@link HttpDrain.isClosing}) turns 503 first, new MCP requests get 503 with
 * `Retry-After` and `Connection: close`, calls in flight may finish until the deadline, and
 * only then do the transports end their SSE streams (with a final `retry:`).
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  private active = 0;
  private closing = false;
  private readonly idle: (() => void)[] = [];
  private drained?: Promise<void>;
  private readonly timeoutMs: number;
  /** The `retry:` hint (ms) streams end with, so clients reconnect (to another replica). */
  readonly retryMs: number;

  constructor(@Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions) {
    this.timeoutMs = options.shutdown?.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    this.retryMs = options.sse?.retryMs ?? DEFAULT_SSE_RETRY_MS;
  }

  /**
   * Admits one request, or answers 503 once shutdown began. The returned function marks
   * the request done; undefined means it was refused (the answer is written).
   */
  admit(res: ServerResponse): (() => void) | undefined {
    if (this.closing) {
      reject(res, 503, HttpMessages.shuttingDown(), {
        'retry-after': 1,
        connection: 'close',
      });
      return undefined;
    }
    this.active++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.active === 0) for (const wake of this.idle.splice(0)) wake();
    };
  }

  get isClosing(): boolean {
    return this.closing;
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  /** Starts the drain (once); resolves when no call is in flight or the deadline passed. */
  drain(): Promise<void> {
    this.closing = true;
    this.drained ??= new Promise<void>((resolve) => {
      if (this.active === 0) return resolve();
      const timer = setTimeout(resolve, this.timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.drained;
  }
}
