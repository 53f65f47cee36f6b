import type { JsonRpcId, JsonRpcResponse } from '../protocol/jsonrpc.types.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';

interface Waiter {
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Server→client requests waiting for the client's reply, keyed by connection (session id or
 * stdio connection) and request id, so a reply can only answer a request of its own session.
 */
export class PendingReplies {
  private readonly waiters = new Map<string, Waiter>();
  private counter = 0;

  /** Registers a request; returns its id and the promise of its result. */
  create(
    scope: string,
    timeoutMs: number,
    signal: AbortSignal,
  ): { id: JsonRpcId; result: Promise<Record<string, unknown>> } {
    const id = `s${++this.counter}`;
    const key = `${scope}\u0000${id}`;
    const result = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(
          new McpError(
            ErrorCode.InternalError,
            `The client did not answer request ${id} within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs).unref();
      this.waiters.set(key, { resolve, reject, timer });
      signal.addEventListener(
        'abort',
        () => this.fail(key, new McpError(ErrorCode.InternalError, 'Request cancelled')),
        { once: true },
      );
    });
    return { id, result };
  }

  /** Hands a client's response to its waiter; false when nothing waits for it. */
  settle(scope: string, response: JsonRpcResponse): boolean {
    const key = `${scope}\u0000${String(response.id)}`;
    const waiter = this.waiters.get(key);
    if (!waiter) return false;
    this.waiters.delete(key);
    clearTimeout(waiter.timer);
    if ('error' in response)
      waiter.reject(new McpError(response.error.code, response.error.message, response.error.data));
    else waiter.resolve(response.result);
    return true;
  }

  private fail(key: string, error: Error): void {
    const waiter = this.waiters.get(key);
    if (!waiter) return;
    this.waiters.delete(key);
    clearTimeout(waiter.timer);
    waiter.reject(error);
  }
}
