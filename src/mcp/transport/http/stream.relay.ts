import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { StreamMeta } from '../../session/event-store.interface.js';
import { MessageBus, type BusEvent } from '../../bus/message-bus.interface.js';
import { SessionOutbox } from '../../session/session.outbox.js';
import { GET_STREAM_ID } from '../../session/session-key.js';
import { ConnectionMessages } from '../../connection/connection.messages.js';
import { LIST_CHANGED_METHOD } from '../../registry/list-changed.js';
import { LiveStreams } from './live-streams.registry.js';
import type { StreamFollower } from './stream-follower.js';

/** How often a replica following a stream written elsewhere checks that its writer still runs. */
export const OWNER_CHECK_MS = 1_000;

/**
 * Connects the bus to this process's SSE connections: recorded messages reach the
 * connections that follow their stream, list changes reach the GET streams held here, and a
 * POST stream whose writer died ends with an error instead of hanging.
 */
@Injectable()
export class StreamRelay implements OnModuleInit, OnModuleDestroy {
  private unsubscribe?: () => void;
  private readonly watches = new Set<NodeJS.Timeout>();

  constructor(
    private readonly streams: LiveStreams,
    @Inject(MessageBus) private readonly bus: MessageBus,
    private readonly outbox: SessionOutbox,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((event) => this.onEvent(event));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    for (const timer of this.watches) clearInterval(timer);
  }

  /** Ends `follower` with an error once the replica writing its stream is gone. */
  watchWriter(follower: StreamFollower, meta: StreamMeta): void {
    if (meta.requestId === undefined || meta.owner === this.bus.replicaId) return;
    const requestId = meta.requestId;
    const check = async (): Promise<void> => {
      if (follower.closed) return stop();
      if (await this.bus.isAlive(meta.owner).catch(() => true)) return;
      stop();
      await follower.finish(requestId, ConnectionMessages.ownerGone());
      follower.connection.close();
    };
    const timer = setInterval(() => void check(), OWNER_CHECK_MS).unref();
    const stop = (): void => {
      clearInterval(timer);
      this.watches.delete(timer);
    };
    this.watches.add(timer);
    follower.connection.onClose(stop);
    void check();
  }

  private onEvent(event: BusEvent): void {
    if (event.kind === 'stream') {
      const followers = this.streams.followersOf(event.sessionKey, event.streamId);
      if (followers) for (const f of followers) f.deliver(event.eventId, event.message);
    } else if (event.kind === 'list-changed') {
      const notification = { jsonrpc: '2.0' as const, method: LIST_CHANGED_METHOD[event.list] };
      for (const sessionKey of this.streams.sessionsFollowing(GET_STREAM_ID))
        void this.outbox.toSessionKey(sessionKey, notification).catch(() => undefined);
    }
  }
}
