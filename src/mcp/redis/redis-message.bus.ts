import { randomBytes } from 'node:crypto';
import { McpLogger } from '../logging/mcp.logger.js';
import type { BusEvent, MessageBus } from '../bus/message-bus.interface.js';
import type { McpRedisClient } from './redis-client.interface.js';
import type { RedisGateway } from './redis.gateway.js';

/** How often a replica says it is alive, and how long that lasts without renewal. */
export const HEARTBEAT_MS = 1_000;
export const HEARTBEAT_TTL_MS = 3_000;

/**
 * The bus on Redis pub/sub: one channel, every replica subscribed on its own connection (a
 * subscribed connection can send nothing else). Each replica renews a short-lived key, so the
 * others can tell that it died.
 */
export class RedisMessageBus implements MessageBus {
  readonly replicaId = randomBytes(9).toString('base64url');
  private readonly listeners = new Set<(event: BusEvent) => void>();
  private readonly logger = new McpLogger('McpRedisBus');
  private subscriber?: McpRedisClient;
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly redis: RedisGateway) {}

  private get channel(): string {
    return this.redis.key('bus');
  }

  /** Subscribes and starts the heartbeat (the module awaits it at boot). */
  async start(): Promise<void> {
    const subscriber = this.redis.client.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel, raw) => {
      if (channel !== this.channel) return;
      let event: BusEvent;
      try {
        event = JSON.parse(raw) as BusEvent;
      } catch {
        return;
      }
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch (error) {
          this.logger.warn(`A bus listener failed: ${(error as Error).message}`);
        }
      }
    });
    if (subscriber.status === 'wait') await subscriber.connect?.();
    await subscriber.subscribe(this.channel);
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.redis.call('DEL', this.redis.key('replica', this.replicaId)).catch(() => undefined);
    this.subscriber?.disconnect();
  }

  async publish(event: BusEvent): Promise<void> {
    await this.redis.call('PUBLISH', this.channel, JSON.stringify(event));
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async isAlive(replicaId: string): Promise<boolean> {
    if (replicaId === this.replicaId) return true;
    return (await this.redis.call('EXISTS', this.redis.key('replica', replicaId))) === 1;
  }

  private async beat(): Promise<void> {
    await this.redis
      .call('SET', this.redis.key('replica', this.replicaId), '1', 'PX', HEARTBEAT_TTL_MS)
      .catch(() => undefined);
  }
}
