import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { JsonRpcNotification } from '../../protocol/jsonrpc.types.js';
import { McpRegistry } from '../../registry/mcp.registry.js';
import type { ListKind } from '../../registry/registry.types.js';
import { SessionStore } from '../../session/session-store.interface.js';
import { SubscriptionGuard } from '../../security/subscription.guard.js';
import { SubscriptionHub } from '../../protocol/stateless-era/subscription.hub.js';
import { LiveStreams } from './live-streams.registry.js';

const LIST_CHANGED: Record<ListKind, string> = {
  tools: 'notifications/tools/list_changed',
  prompts: 'notifications/prompts/list_changed',
  resources: 'notifications/resources/list_changed',
  resourceTemplates: 'notifications/resources/list_changed',
};

/**
 * Delivers unsolicited notifications: to session-era clients on their GET streams and to
 * stateless-era `subscriptions/listen` streams.
 * @example
 * constructor(private readonly notifier: McpNotifier) {}
 * onPriceChange() { void this.notifier.resourceUpdated('shop://prices'); }
 */
@Injectable()
export class McpNotifier implements OnModuleInit, OnModuleDestroy {
  private unsubscribe?: () => void;
  private readonly resourceListeners = new Set<(uri: string) => void>();

  /** @internal */
  constructor(
    private readonly registry: McpRegistry,
    private readonly streams: LiveStreams,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    private readonly hub: SubscriptionHub,
    private readonly guard: SubscriptionGuard,
  ) {}

  /** @internal */
  onModuleInit(): void {
    this.unsubscribe = this.registry.onChange((kind) =>
      this.broadcast({ jsonrpc: '2.0', method: LIST_CHANGED[kind] }),
    );
  }

  /** @internal */
  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** `notifications/resources/updated` to every session subscribed to the URI. */
  async resourceUpdated(uri: string): Promise<void> {
    this.hub.resourceUpdated(uri);
    for (const listener of this.resourceListeners) listener(uri);
    for (const id of this.streams.sessionsWithGetStream()) {
      const session = await this.sessions.get(id);
      const listener = this.streams.getStreamPrincipal(id);
      if (session?.subscriptions.includes(uri) && listener && this.guard.mayHear(uri, listener)) {
        await this.streams
          .getStream(id)
          ?.send({ jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri } });
      }
    }
  }

  /**
   * Tells a session-era client that a URL-mode elicitation finished
   * (`notifications/elicitation/complete`), on that session's GET stream. False when the
   * session has no stream open in this process.
   */
  async elicitationComplete(sessionId: string, elicitationId: string): Promise<boolean> {
    const stream = this.streams.getStream(sessionId);
    if (!stream) return false;
    await stream.send({
      jsonrpc: '2.0',
      method: 'notifications/elicitation/complete',
      params: { elicitationId },
    });
    return true;
  }

  /** Other transports (stdio) hear of resource updates here; returns the unsubscribe function. */
  onResourceUpdated(listener: (uri: string) => void): () => void {
    this.resourceListeners.add(listener);
    return () => this.resourceListeners.delete(listener);
  }

  private broadcast(notification: JsonRpcNotification): void {
    for (const id of this.streams.sessionsWithGetStream())
      void this.streams.getStream(id)?.send(notification);
  }
}
