import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { JsonRpcId, JsonRpcNotification } from '../../protocol/jsonrpc.types.js';
import { LIST_CHANGED_METHOD } from '../../registry/list-changed.js';
import type { ListKind } from '../../registry/registry.types.js';
import { MessageBus } from '../../bus/message-bus.interface.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import {
  MAX_SUBSCRIPTION_URI_LENGTH,
  MAX_SUBSCRIPTIONS,
  SubscriptionGuard,
} from '../../security/subscription.guard.js';

/** What a `subscriptions/listen` request opted into. */
export interface ListenFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  resourceSubscriptions?: string[];
}

interface Listener {
  id: JsonRpcId;
  principal: McpPrincipal;
  filter: ListenFilter;
  send: (notification: JsonRpcNotification) => void;
}

const SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';
const FLAG_OF: Record<ListKind, keyof ListenFilter> = {
  tools: 'toolsListChanged',
  prompts: 'promptsListChanged',
  resources: 'resourcesListChanged',
  resourceTemplates: 'resourcesListChanged',
};

/**
 * Stateless-era subscriptions: each open `subscriptions/listen` stream receives only the
 * notification kinds it asked for, each tagged with the listen request's id. Changes made on
 * any replica arrive through the bus.
 */
@Injectable()
export class SubscriptionHub implements OnModuleInit, OnModuleDestroy {
  private readonly listeners = new Set<Listener>();
  private unsubscribe?: () => void;

  constructor(
    @Inject(MessageBus) private readonly bus: MessageBus,
    private readonly guard: SubscriptionGuard,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((event) => {
      if (event.kind === 'list-changed') this.listChanged(event.list);
      else if (event.kind === 'resource-updated') this.resourceUpdated(event.uri);
    });
  }

  private listChanged(kind: ListKind): void {
    for (const l of this.listeners)
      if (l.filter[FLAG_OF[kind]] === true) l.send(this.tag(l.id, LIST_CHANGED_METHOD[kind], {}));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * The subset of a requested filter this server honours (the acknowledgement echoes it):
   * resource URIs the principal may read, within the URI length and count caps.
   */
  honoured(
    requested: ListenFilter,
    capabilities: Record<string, unknown>,
    principal: McpPrincipal,
  ): ListenFilter {
    const has = (name: string): boolean => capabilities[name] !== undefined;
    const result: ListenFilter = {};
    if (requested.toolsListChanged === true && has('tools')) result.toolsListChanged = true;
    if (requested.promptsListChanged === true && has('prompts')) result.promptsListChanged = true;
    if (requested.resourcesListChanged === true && has('resources'))
      result.resourcesListChanged = true;
    const uris = Array.isArray(requested.resourceSubscriptions)
      ? requested.resourceSubscriptions
          .filter((u): u is string => typeof u === 'string')
          .filter(
            (u) => u.length <= MAX_SUBSCRIPTION_URI_LENGTH && this.guard.mayHear(u, principal),
          )
          .slice(0, MAX_SUBSCRIPTIONS)
      : [];
    if (uris.length > 0 && has('resources')) result.resourceSubscriptions = uris;
    return result;
  }

  /** Registers a listen stream; returns the function that removes it. */
  listen(
    id: JsonRpcId,
    filter: ListenFilter,
    principal: McpPrincipal,
    send: Listener['send'],
  ): () => void {
    const listener = { id, principal, filter, send };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `notifications/resources/updated` to the streams subscribed to this URI. */
  resourceUpdated(uri: string): void {
    for (const l of this.listeners) {
      if (l.filter.resourceSubscriptions?.includes(uri) && this.guard.mayHear(uri, l.principal))
        l.send(this.tag(l.id, 'notifications/resources/updated', { uri }));
    }
  }

  /** The acknowledgement that opens every listen stream. */
  acknowledgement(id: JsonRpcId, honoured: ListenFilter): JsonRpcNotification {
    return this.tag(id, 'notifications/subscriptions/acknowledged', { notifications: honoured });
  }

  tag(id: JsonRpcId, method: string, params: Record<string, unknown>): JsonRpcNotification {
    return { jsonrpc: '2.0', method, params: { ...params, _meta: { [SUBSCRIPTION_ID]: id } } };
  }

  get size(): number {
    return this.listeners.size;
  }
}
