import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { JsonRpcId, JsonRpcMessage, JsonRpcResponse } from '../protocol/jsonrpc.types.js';
import { answer, toErrorResponse, type Answer } from '../protocol/error-answer.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import type { LogContext } from '../logging/log-context.js';
import { LazyAbort } from '../context/lazy-abort.js';
import { MessageBus } from '../bus/message-bus.interface.js';
import { PendingReplies } from '../session/pending-replies.js';
import { ConnectionMessages } from './connection.messages.js';

/** A request's answer, and whether the client cancelled it (then it is not sent). */
export interface CoreAnswer extends Answer {
  cancelled: boolean;
}

/**
 * What every session-era connection shares, whatever its framing (Streamable HTTP, legacy
 * HTTP+SSE, stdio): requests in flight and their cancellation, server→client requests and the
 * routing of the client's replies. A reply or a cancellation that reaches a replica which does
 * not hold the request is handed to the bus, so the one that does acts on it.
 */
@Injectable()
export class SessionConnectionCore implements OnModuleInit, OnModuleDestroy {
  private readonly inFlight = new Map<string, LazyAbort>();
  private unsubscribe?: () => void;

  constructor(
    private readonly replies: PendingReplies,
    @Inject(MessageBus) private readonly bus: MessageBus,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((event) => {
      if (event.kind === 'reply') this.replies.settle(event.scope, event.response);
      else if (event.kind === 'cancel') this.abortLocal(event.scope, event.requestId, event.reason);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** The error every transport answers for an unknown, expired or foreign session. */
  static sessionNotFound(): McpError {
    return new McpError(
      ErrorCode.SessionNotFound,
      ConnectionMessages.sessionNotFound(),
      undefined,
      404,
    );
  }

  /**
   * Runs one request of a connection (`scope`: session key or stdio connection) with a signal
   * the client can cancel. A request id still in flight in that scope is refused: JSON-RPC
   * ids name one request at a time, and a reused one would steal the other's cancellation.
   */
  async run(
    scope: string,
    id: JsonRpcId,
    /** `abort.signal` is made only when read: most handlers never look at it. */
    call: (abort: LazyAbort) => Promise<Record<string, unknown>>,
    log?: LogContext,
  ): Promise<CoreAnswer> {
    const key = `${scope}\u0000${String(id)}`;
    if (this.inFlight.has(key)) {
      const refused = await answer(id, () =>
        Promise.reject(new McpError(ErrorCode.InvalidRequest, ConnectionMessages.idInUse(id))),
      );
      return { ...refused, cancelled: false };
    }
    const abort = new LazyAbort();
    this.inFlight.set(key, abort);
    // answer()'s work, inline: one promise and one object fewer per request.
    try {
      const result = await call(abort);
      const response = { jsonrpc: '2.0' as const, id, result };
      return { response, cancelled: abort.aborted };
    } catch (error) {
      return { ...toErrorResponse(error, id, log), cancelled: abort.aborted };
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** `notifications/cancelled`: aborts the request here, or wherever it runs. */
  async cancel(scope: string, requestId: unknown, reason: unknown): Promise<void> {
    if (typeof requestId !== 'string' && typeof requestId !== 'number') return;
    const why = typeof reason === 'string' ? reason : undefined;
    if (!this.abortLocal(scope, String(requestId), why))
      await this.bus.publish({ kind: 'cancel', scope, requestId: String(requestId), reason: why });
  }

  /** A client's reply to a server→client request: settled here, or by the replica waiting for it. */
  async reply(scope: string, response: JsonRpcResponse): Promise<boolean> {
    if (this.replies.settle(scope, response)) return true;
    await this.bus.publish({ kind: 'reply', scope, response });
    return false;
  }

  /** Sends a server→client request with `send` and resolves with the client's reply. */
  async ask(
    scope: string,
    method: string,
    params: Record<string, unknown>,
    options: { signal: AbortSignal; timeoutMs: number },
    send: (message: JsonRpcMessage) => unknown,
  ): Promise<Record<string, unknown>> {
    const { id, result } = this.replies.create(scope, options.timeoutMs, options.signal);
    await send({ jsonrpc: '2.0', id, method, params });
    return result;
  }

  private abortLocal(scope: string, requestId: string, reason: string | undefined): boolean {
    const abort = this.inFlight.get(`${scope}\u0000${requestId}`);
    if (!abort) return false;
    abort.abort(reason ?? ConnectionMessages.cancelledByClient());
    return true;
  }
}
