import type { JsonRpcNotification } from '../protocol/jsonrpc.types.js';

/** How an era adapter talks back to the client during one request, whatever the transport. */
export interface MessageChannel {
  /** A notification related to the request (progress, log) on the request's own stream. */
  notify(notification: JsonRpcNotification): void;
  /** A server→client request on the request's stream, resolved by the client's reply. */
  request(
    method: string,
    params: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>>;
  /** Drops the response stream's connection mid-call where the client can resume it. */
  disconnect?(): void;
}
