import type { OnModuleDestroy } from '@nestjs/common';
import type { JsonRpcMessage } from '../protocol/jsonrpc.types.js';
import type { EventStore, StreamMeta } from './event-store.interface.js';

interface StreamLog {
  next: number;
  meta?: StreamMeta;
  /** Ring buffer of the latest events: [sequence, message]. */
  events: [number, JsonRpcMessage][];
  /** When a finished stream's log may be dropped (epoch ms); undefined while live. */
  dropAt?: number;
}

/** Event ids are `<streamId>.<sequence>`: the stream is recoverable from the id alone. */
function parseEventId(eventId: string): { streamId: string; seq: number } | undefined {
  const dot = eventId.lastIndexOf('.');
  const seq = Number(eventId.slice(dot + 1));
  if (dot <= 0 || !/^\d+$/.test(eventId.slice(dot + 1)) || !Number.isSafeInteger(seq))
    return undefined;
  return { streamId: eventId.slice(0, dot), seq };
}

/**
 * A bounded ring buffer per stream, per session; at most `maxStreamsPerSession` logs per
 * session (the oldest goes first). Finished streams are dropped after their grace period by
 * a sweep; a session's logs go when the session ends (`deleteSession`).
 */
export class MemoryEventStore implements EventStore, OnModuleDestroy {
  private readonly sessions = new Map<string, Map<string, StreamLog>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly maxEventsPerStream = 1000,
    sweepIntervalMs = 1000,
    private readonly maxStreamsPerSession = 100,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs).unref();
  }

  async openStream(sessionKey: string, streamId: string, meta?: StreamMeta): Promise<string> {
    const log = this.log(sessionKey, streamId);
    if (meta) log.meta = meta;
    return `${streamId}.${log.next - 1}`;
  }

  async appendIfOpen(
    sessionKey: string,
    streamId: string,
    message: JsonRpcMessage,
  ): Promise<string | undefined> {
    if (!this.sessions.get(sessionKey)?.has(streamId)) return undefined;
    return this.append(sessionKey, streamId, message);
  }

  async streamMeta(sessionKey: string, streamId: string): Promise<StreamMeta | undefined> {
    const log = this.sessions.get(sessionKey)?.get(streamId);
    return log && (log.meta ?? { owner: '' });
  }

  async append(sessionKey: string, streamId: string, message: JsonRpcMessage): Promise<string> {
    const log = this.log(sessionKey, streamId);
    const seq = log.next++;
    log.events.push([seq, message]);
    if (log.events.length > this.maxEventsPerStream) log.events.shift();
    return `${streamId}.${seq}`;
  }

  async replayAfter(
    sessionKey: string,
    lastEventId: string,
    send: (eventId: string, message: JsonRpcMessage) => void,
  ): Promise<string | undefined> {
    const parsed = parseEventId(lastEventId);
    const log = parsed && this.sessions.get(sessionKey)?.get(parsed.streamId);
    if (!parsed || !log) return undefined;
    for (const [seq, message] of log.events)
      if (seq > parsed.seq) send(`${parsed.streamId}.${seq}`, message);
    return parsed.streamId;
  }

  async finishStream(sessionKey: string, streamId: string, graceMs: number): Promise<void> {
    const log = this.sessions.get(sessionKey)?.get(streamId);
    if (log) log.dropAt = Date.now() + graceMs;
  }

  async deleteSession(sessionKey: string): Promise<void> {
    this.sessions.delete(sessionKey);
  }

  /** What the store holds now (tests, soak, metrics). */
  stats(): { sessions: number; streams: number; events: number } {
    let streams = 0;
    let events = 0;
    for (const logs of this.sessions.values()) {
      streams += logs.size;
      for (const log of logs.values()) events += log.events.length;
    }
    return { sessions: this.sessions.size, streams, events };
  }

  /** @internal */
  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private log(sessionKey: string, streamId: string): StreamLog {
    let streams = this.sessions.get(sessionKey);
    if (!streams) this.sessions.set(sessionKey, (streams = new Map<string, StreamLog>()));
    let log = streams.get(streamId);
    if (!log) {
      // Map order is insertion order: the first log is the oldest.
      if (streams.size >= this.maxStreamsPerSession) streams.delete(streams.keys().next().value!);
      streams.set(streamId, (log = { next: 1, events: [] }));
    }
    return log;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [sessionKey, logs] of this.sessions) {
      for (const [streamId, log] of logs)
        if (log.dropAt !== undefined && log.dropAt <= now) logs.delete(streamId);
      if (logs.size === 0) this.sessions.delete(sessionKey);
    }
  }
}
