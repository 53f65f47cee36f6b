import type { JsonRpcMessage, JsonRpcResponse } from '../protocol/jsonrpc.types.js';
import type { ListKind } from '../registry/registry.types.js';

/**
 * What replicas tell each other. Every replica, the publisher included, receives every event;
 * each acts only on what it holds (a waiting request, a live connection, a running task).
 */
export type BusEvent =
  /** A message was recorded on a session's stream: whoever holds a connection to it writes it. */
  | {
      kind: 'stream';
      sessionKey: string;
      streamId: string;
      eventId: string;
      message: JsonRpcMessage;
    }
  /** A client's reply to a server→client request, for the replica that waits for it. */
  | { kind: 'reply'; scope: string; response: JsonRpcResponse }
  /** `notifications/cancelled` for a request running on another replica. */
  | { kind: 'cancel'; scope: string; requestId: string; reason?: string }
  | { kind: 'list-changed'; list: ListKind }
  | { kind: 'resource-updated'; uri: string }
  /** A task was cancelled: the replica running its handler stops it. */
  | { kind: 'task-cancelled'; taskId: string }
  /** An agent key changed or was revoked: every replica forgets its cached copy. */
  | { kind: 'key-invalidated'; keyid?: string };

/**
 * The message bus between replicas: the in-memory default delivers within the process; the
 * Redis one (`McpModule.forRoot({ redis })`) delivers to every replica.
 */
export interface MessageBus {
  /** This process's id among the replicas. */
  readonly replicaId: string;
  /** Delivers the event to every subscriber of every replica (this one included). */
  publish(event: BusEvent): Promise<void>;
  /** Listens to every event; returns the function that stops listening. */
  subscribe(listener: (event: BusEvent) => void): () => void;
  /** Whether a replica is still running (a dead one's pending work will never finish). */
  isAlive(replicaId: string): Promise<boolean>;
}

/** Injection token of the {@link MessageBus}. */
export const MessageBus = Symbol('MCP_MESSAGE_BUS');
