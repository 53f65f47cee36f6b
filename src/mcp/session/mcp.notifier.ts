import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { McpRegistry } from '../registry/mcp.registry.js';
import { MessageBus } from '../bus/message-bus.interface.js';
import { SessionOutbox } from './session.outbox.js';
import { SessionStore } from './session-store.interface.js';
import { LOCAL_PRINCIPAL } from '../security/principal.interface.js';
import { principalKey } from '../security/principal.key.js';

/**
 * Delivers unsolicited notifications on every replica: list changes and resource updates to
 * session-era GET streams, stateless-era `subscriptions/listen` streams and stdio clients.
 * @example
 * constructor(private readonly notifier: McpNotifier) {}
 * onPriceChange() { void this.notifier.resourceUpdated('shop://prices'); }
 */
@Injectable()
export class McpNotifier implements OnModuleInit, OnModuleDestroy {
  private unsubscribe?: () => void;

  /** @internal */
  constructor(
    private readonly registry: McpRegistry,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(MessageBus) private readonly bus: MessageBus,
    private readonly outbox: SessionOutbox,
  ) {}

  /** @internal */
  onModuleInit(): void {
    this.unsubscribe = this.registry.onChange(
      (list) => void this.bus.publish({ kind: 'list-changed', list }).catch(() => undefined),
    );
  }

  /** @internal */
  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * `notifications/resources/updated` to every session subscribed to the URI, whichever replica
   * holds its stream (recorded, so a client that reconnects gets it), and to listen streams.
   */
  async resourceUpdated(uri: string): Promise<void> {
    await this.bus.publish({ kind: 'resource-updated', uri });
    const notification = {
      jsonrpc: '2.0' as const,
      method: 'notifications/resources/updated',
      params: { uri },
    };
    const subscribers = await this.sessions.subscribersOf(uri);
    await Promise.all(subscribers.map((s) => this.outbox.toSession(s, notification)));
  }

  /**
   * Tells a session-era client that a URL-mode elicitation finished
   * (`notifications/elicitation/complete`), on that session's GET stream on whichever replica
   * holds it. False when the message could not be recorded (no GET stream was opened).
   */
  async elicitationComplete(sessionId: string, elicitationId: string): Promise<boolean> {
    // A stdio session is not in the store: its owner is the local principal, and it hears live.
    const session = (await this.sessions.get(sessionId)) ?? {
      id: sessionId,
      principalId: principalKey(LOCAL_PRINCIPAL),
    };
    return this.outbox.toSession(session, {
      jsonrpc: '2.0',
      method: 'notifications/elicitation/complete',
      params: { elicitationId },
    });
  }

  /** Other transports (stdio) hear of resource updates here; returns the unsubscribe function. */
  onResourceUpdated(listener: (uri: string) => void): () => void {
    return this.bus.subscribe((event) => {
      if (event.kind === 'resource-updated') listener(event.uri);
    });
  }
}
