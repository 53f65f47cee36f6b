import type { ServerResponse } from 'node:http';
import type { JsonRpcMessage } from '../../protocol/jsonrpc.types.js';
import { stringifyMessage } from '../../protocol/raw-json.js';

export interface SseOptions {
  heartbeatMs: number;
  retryMs: number;
  /** Bytes allowed to wait in the socket buffer before a slow reader is cut off. */
  maxBufferedBytes: number;
  /** Longest life of one connection; it then ends with a `retry:` hint and the client reconnects. */
  maxLifetimeMs: number;
}

/**
 * One physical SSE response. Heartbeat comments keep proxies from closing it; a reader that
 * stops reading is disconnected once its backlog passes the cap instead of buffering forever.
 */
export class SseConnection {
  private heartbeat?: NodeJS.Timeout;
  private lifetime?: NodeJS.Timeout;
  private closedFlag = false;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseOptions,
  ) {
    res.on('close', () => this.markClosed());
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Sends the headers; `primingEventId` writes the event that lets the client resume from the start. */
  open(headers: Record<string, string> = {}, primingEventId?: string): void {
    this.res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.res.flushHeaders();
    if (primingEventId !== undefined)
      this.write(`id: ${primingEventId}\nretry: ${this.options.retryMs}\ndata: \n\n`);
    this.heartbeat = setInterval(
      () => this.write(': keep-alive\n\n'),
      this.options.heartbeatMs,
    ).unref();
    this.lifetime = setTimeout(
      () => this.close(this.options.retryMs),
      this.options.maxLifetimeMs,
    ).unref();
  }

  /** Writes one message event (with its id when the stream is resumable). */
  send(message: JsonRpcMessage, eventId?: string): void {
    const id = eventId === undefined ? '' : `id: ${eventId}\n`;
    this.write(`${id}event: message\ndata: ${stringifyMessage(message)}\n\n`);
  }

  /** Ends the response; when `retryMs` is given the client is told when to reconnect. */
  close(retryMs?: number): void {
    if (this.closedFlag) return;
    if (retryMs !== undefined) this.write(`retry: ${retryMs}\n\n`);
    this.res.end();
    this.markClosed();
  }

  onClose(listener: () => void): void {
    if (this.closedFlag) listener();
    else this.closeListeners.push(listener);
  }

  private write(chunk: string): void {
    if (this.closedFlag) return;
    if (this.res.writableLength > this.options.maxBufferedBytes) {
      this.res.destroy();
      this.markClosed();
      return;
    }
    this.res.write(chunk);
  }

  private markClosed(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.lifetime);
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
