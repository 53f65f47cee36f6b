import type { JsonRpcId, JsonRpcMessage } from '../protocol/jsonrpc.types.js';

/** Who writes a stream: a replica resuming it elsewhere can tell when that writer died. */
export interface StreamMeta {
  /** The replica whose handler writes the stream (`MessageBus.replicaId`). */
  owner: string;
  /** The request a POST stream answers (its final message is that request's response). */
  requestId?: JsonRpcId;
}

/**
 * Keeps the messages of SSE streams so a client that reconnects with `Last-Event-ID` gets
 * exactly what it missed of that stream. Keys are scoped by session owner and session.
 *
 * Lifetimes: a stream's log lives until its session ends (`deleteSession`, called when the
 * session is deleted or expires) or, once the stream is finished, for the grace period given
 * to `finishStream`. A shared store should also give its keys the session's idle TTL, so logs
 * of sessions that expired on another replica do not outlive them.
 */
export interface EventStore {
  /**
   * Starts a stream, or re-opens one that exists (a session's GET stream); returns the id of its
   * priming event: replaying after it yields everything recorded from now on.
   */
  openStream(sessionKey: string, streamId: string, meta?: StreamMeta): Promise<string>;
  /** Records a message of a stream; returns its event id (unique in the session, naming the stream). */
  append(sessionKey: string, streamId: string, message: JsonRpcMessage): Promise<string>;
  /** Records a message only on a stream that was opened; undefined when it never was. */
  appendIfOpen(
    sessionKey: string,
    streamId: string,
    message: JsonRpcMessage,
  ): Promise<string | undefined>;
  /** What `openStream` recorded about the stream, or undefined when it is unknown. */
  streamMeta(sessionKey: string, streamId: string): Promise<StreamMeta | undefined>;
  /**
   * Replays the messages after `lastEventId` on its stream, in order. Returns that stream's id,
   * or undefined when the event id is unknown to this session.
   */
  replayAfter(
    sessionKey: string,
    lastEventId: string,
    send: (eventId: string, message: JsonRpcMessage) => void,
  ): Promise<string | undefined>;
  /**
   * The stream is finished (its response was written): its events may be dropped after
   * `graceMs` (a client that lost the end of it can still resume within that time).
   */
  finishStream?(sessionKey: string, streamId: string, graceMs: number): Promise<void>;
  /** Forgets every stream of a session. */
  deleteSession(sessionKey: string): Promise<void>;
}

/** Injection token of the {@link EventStore}. */
export const EventStore = Symbol('MCP_EVENT_STORE');
