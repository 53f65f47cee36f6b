import type { JsonRpcId, JsonRpcMessage } from '../../protocol/jsonrpc.types.js';
import type { EventStore } from '../../session/event-store.interface.js';
import type { SseConnection } from './sse.connection.js';

/** `<streamId>.<sequence>` → the sequence. */
export function sequenceOf(eventId: string): number {
  return Number(eventId.slice(eventId.lastIndexOf('.') + 1));
}

const isResponse = (m: JsonRpcMessage): boolean =>
  !('method' in m) && ('result' in m || 'error' in m);

/**
 * A connection that follows a recorded stream written elsewhere (another replica, or the
 * session outbox): every message is written exactly once and in order, whatever order the
 * bus announces them in; a gap is filled from the event store.
 */
export class StreamFollower {
  private chain: Promise<unknown> = Promise.resolve();
  private last: number;
  /** Messages it returns false for are skipped (counted as written, never sent). */
  filter?: (message: JsonRpcMessage) => boolean;

  constructor(
    readonly connection: SseConnection,
    private readonly store: EventStore,
    readonly sessionKey: string,
    readonly streamId: string,
    lastEventId: string,
    /** Request streams end with their request's response. */
    private readonly endsWithResponse = false,
  ) {
    this.last = sequenceOf(lastEventId);
  }

  /** A message recorded on the stream (from the bus). */
  deliver(eventId: string, message: JsonRpcMessage): void {
    void this.queue(async () => {
      if (eventId === '') return;
      const seq = sequenceOf(eventId);
      if (seq <= this.last) return;
      if (seq === this.last + 1) this.write(eventId, message);
      else await this.catchUp();
    });
  }

  /** Writes whatever the store holds after the last event written. */
  catchUp(): Promise<unknown> {
    return this.queue(() =>
      this.store.replayAfter(this.sessionKey, `${this.streamId}.${this.last}`, (id, message) =>
        this.write(id, message),
      ),
    );
  }

  /** Ends a request stream whose writer died with the answer the client should act on. */
  finish(requestId: JsonRpcId, message: string): Promise<unknown> {
    return this.queue(async () => {
      if (this.connection.closed) return;
      const response: JsonRpcMessage = {
        jsonrpc: '2.0',
        id: requestId,
        error: { code: -32603, message },
      };
      const id = await this.store.append(this.sessionKey, this.streamId, response);
      this.write(id, response);
    });
  }

  get closed(): boolean {
    return this.connection.closed;
  }

  private write(eventId: string, message: JsonRpcMessage): void {
    if (this.connection.closed) return;
    this.last = Math.max(this.last, sequenceOf(eventId));
    if (this.filter && !this.filter(message)) return;
    this.connection.send(message, eventId);
    if (this.endsWithResponse && isResponse(message)) this.connection.close();
  }

  private queue(task: () => Promise<unknown>): Promise<unknown> {
    const next = this.chain.then(task);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
