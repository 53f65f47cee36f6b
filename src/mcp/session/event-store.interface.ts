import type { JsonRpcMessage } from '../protocol/jsonrpc.types.js';

/**
 * Keeps the messages of SSE streams so a client that reconnects with `Last-Event-ID` gets
 * exactly what it missed of that stream. Keys are scoped by session owner and session.
 */
export interface EventStore {
  /** Starts a stream; returns the id of its priming event (replaying after it yields everything). */
  openStream(sessionKey: string, streamId: string): Promise<string>;
  /** Records a message of a stream; returns its event id (unique in the session, naming the stream). */
  append(sessionKey: string, streamId: string, message: JsonRpcMessage): Promise<string>;
  /**
   * Replays the messages after `lastEventId` on its stream, in order. Returns that stream's id,
   * or undefined when the event id is unknown to this session.
   */
  replayAfter(
    sessionKey: string,
    lastEventId: string,
    send: (eventId: string, message: JsonRpcMessage) => void,
  ): Promise<string | undefined>;
  /** Forgets every stream of a session. */
  deleteSession(sessionKey: string): Promise<void>;
}

/** Injection token of the {@link EventStore}. */
export const EventStore = Symbol('MCP_EVENT_STORE');
