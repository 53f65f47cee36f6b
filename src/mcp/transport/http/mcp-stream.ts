import type { JsonRpcMessage } from '../../protocol/jsonrpc.types.js';
import type { EventStore } from '../../session/event-store.interface.js';
import type { SseConnection } from './sse.connection.js';

/** Where a resumable stream's events are recorded. */
export interface StreamStorage {
  store: EventStore;
  sessionKey: string;
  streamId: string;
  /** Tells other replicas of each recorded message (a client may resume the stream there). */
  announce?: (eventId: string, message: JsonRpcMessage) => void;
}

/**
 * A logical SSE stream: outlives its connection when resumable, so events sent while the
 * client was away are stored and delivered to the connection that resumes it.
 */
export class McpStream {
  private chain: Promise<unknown>;

  /** `ready` delays the first write (e.g. until the priming event is out). */
  constructor(
    private connection: SseConnection | undefined,
    private readonly storage?: StreamStorage,
    ready: Promise<unknown> = Promise.resolve(),
  ) {
    this.chain = ready;
  }

  get streamId(): string | undefined {
    return this.storage?.streamId;
  }

  /** Sends (and records) one message, in order with the ones before it. */
  send(message: JsonRpcMessage): Promise<void> {
    const next = this.chain.then(async () => {
      const eventId = this.storage
        ? await this.storage.store.append(this.storage.sessionKey, this.storage.streamId, message)
        : undefined;
      this.connection?.send(message, eventId);
      if (eventId !== undefined) this.storage?.announce?.(eventId, message);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * A resuming client's connection takes over the live stream. Runs in the send queue, so no
   * event falls between the replay and the live messages that follow it.
   */
  resume(connection: SseConnection, replay: () => Promise<unknown>): Promise<void> {
    const next = this.chain.then(async () => {
      await replay();
      this.connection = connection;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Drops the physical connection, keeping the logical stream (the client may resume). */
  disconnect(retryMs?: number): void {
    // Queued, so the events already sent (the priming event first) reach the client before it.
    this.chain = this.chain
      .then(() => {
        this.connection?.close(retryMs);
        this.connection = undefined;
      })
      .catch(() => undefined);
  }

  /** Ends the stream once everything queued has been written. */
  async end(): Promise<void> {
    await this.chain;
    this.connection?.close();
  }
}
