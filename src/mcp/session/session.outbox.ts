import { Inject, Injectable } from '@nestjs/common';
import type { JsonRpcMessage } from '../protocol/jsonrpc.types.js';
import { EventStore } from './event-store.interface.js';
import { MessageBus } from '../bus/message-bus.interface.js';
import type { McpSession } from './session.interface.js';
import { GET_STREAM_ID, sessionKeyOf } from './session-key.js';

/**
 * Delivers unsolicited messages to one session, wherever its connection lives: the message is
 * recorded on the session's GET stream (so a client that reconnects to any replica gets it
 * with `Last-Event-ID`), then announced on the bus to the replica holding the connection.
 */
@Injectable()
export class SessionOutbox {
  constructor(
    @Inject(EventStore) private readonly events: EventStore,
    @Inject(MessageBus) private readonly bus: MessageBus,
  ) {}

  /** True when recorded: the session has opened its GET stream (stdio sessions hear it live). */
  async toSession(
    session: Pick<McpSession, 'id' | 'principalId'>,
    message: JsonRpcMessage,
  ): Promise<boolean> {
    return this.toSessionKey(sessionKeyOf(session), message);
  }

  /** {@link toSession} by session key (owner and id). */
  async toSessionKey(sessionKey: string, message: JsonRpcMessage): Promise<boolean> {
    const eventId = await this.events.appendIfOpen(sessionKey, GET_STREAM_ID, message);
    await this.bus.publish({
      kind: 'stream',
      sessionKey,
      streamId: GET_STREAM_ID,
      eventId: eventId ?? '',
      message,
    });
    return eventId !== undefined;
  }
}
