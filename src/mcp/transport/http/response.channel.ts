import type { ServerResponse } from 'node:http';
import type { MessageChannel } from '../../context/message-channel.interface.js';
import type {
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcResponse,
} from '../../protocol/jsonrpc.types.js';
import type { StreamMeta } from '../../session/event-store.interface.js';
import { writeJson } from './http-response.writer.js';
import { McpStream, type StreamStorage } from './mcp-stream.js';
import { SseConnection, type SseOptions } from './sse.connection.js';
import { HttpMessages } from './http.messages.js';

export interface ResponseChannelOptions {
  sse: SseOptions;
  headers: Record<string, string>;
  /**
   * Session era: events are stored (resumable) and server→client requests are allowed. Built
   * on first need: most answers are plain JSON and never use it.
   */
  resumable?: () => ResumableOptions;
}

export type ResumableOptions = Omit<StreamStorage, 'streamId'> & {
  /** Called only when the answer becomes a stream (a plain JSON answer needs no id). */
  newStreamId: () => string;
  /** Recorded with the stream: who writes it and which request it answers. */
  meta: StreamMeta;
  /** Sends a server→client request with `send` and resolves with the client's reply. */
  ask: (
    method: string,
    params: Record<string, unknown>,
    signal: AbortSignal,
    send: (message: JsonRpcMessage) => Promise<void>,
  ) => Promise<Record<string, unknown>>;
  onStream: (stream: McpStream) => void;
};

/**
 * The answer to one POST: plain JSON when the handler just returns, upgraded to SSE the
 * moment it sends anything first (progress, logs, server→client requests).
 */
export class ResponseChannel implements MessageChannel {
  private stream?: McpStream;
  private resumableOptions?: ResumableOptions;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: ResponseChannelOptions,
  ) {}

  notify(notification: JsonRpcNotification): void {
    void this.upgrade().send(notification);
  }

  async request(
    method: string,
    params: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const resumable = this.resumable();
    if (!resumable) throw new Error(HttpMessages.clientRequestsNeedSession());
    return resumable.ask(method, params, signal, (message) => this.upgrade().send(message));
  }

  /** Closes the connection mid-call (the client resumes with GET + Last-Event-ID). */
  disconnect(): void {
    this.upgrade().disconnect(this.options.sse.retryMs);
  }

  /** Writes the final response: as JSON with `status`, or as the last event of the stream. */
  async complete(
    response: JsonRpcResponse,
    status = 200,
    headers: Record<string, string> = {},
  ): Promise<void> {
    if (!this.stream) {
      if (!this.res.writableEnded && !this.res.destroyed)
        writeJson(this.res, status, response, { ...this.options.headers, ...headers });
      return;
    }
    await this.stream.send(response);
    await this.stream.end();
  }

  private resumable(): ResumableOptions | undefined {
    return (this.resumableOptions ??= this.options.resumable?.());
  }

  private upgrade(): McpStream {
    if (this.stream) return this.stream;
    const connection = new SseConnection(this.res, this.options.sse);
    const resumable = this.resumable();
    const storage: StreamStorage | undefined = resumable && {
      store: resumable.store,
      sessionKey: resumable.sessionKey,
      streamId: resumable.newStreamId(),
      announce: resumable.announce,
    };
    // The priming event's id lets the client resume from the very start of the stream.
    const opened = storage
      ? storage.store
          .openStream(storage.sessionKey, storage.streamId, resumable?.meta)
          .then((id) => connection.open(this.options.headers, id))
      : Promise.resolve(connection.open(this.options.headers));
    this.stream = new McpStream(connection, storage, opened);
    resumable?.onStream(this.stream);
    return this.stream;
  }
}
