import type { SessionQuotas } from '../session/session-store.interface.js';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { McpRedisClient, McpRedisOptions } from './redis-client.interface.js';
import { RedisEventStore } from './redis-event.store.js';
import { RedisGateway } from './redis.gateway.js';
import { RedisMessageBus } from './redis-message.bus.js';
import { RedisMessages } from './redis.messages.js';
import { RedisReplayStore } from './redis-replay.store.js';
import { RedisSessionStore } from './redis-session.store.js';
import { RedisTaskStore } from './redis-task.store.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

/** Limits the stores take from the module options. */
export interface RedisBackendSettings {
  idleTtlMs: number;
  maxSessions: number;
  /** Session quotas (see `SessionQuotas`). */
  quotas?: Partial<SessionQuotas>;
  maxTasks: number;
}

const BOOT_TIMEOUT_MS = 10_000;

/**
 * Everything several replicas share, on one Redis: sessions, recorded streams, nonces, rate
 * limits, tasks and the bus. Loaded only when `McpModule.forRoot({ redis })` asks for it.
 */
export class RedisBackend implements OnApplicationShutdown {
  readonly sessions: RedisSessionStore;
  readonly events: RedisEventStore;
  readonly replay: RedisReplayStore;
  readonly throttler: RedisThrottlerStorage;
  readonly tasks: RedisTaskStore;
  readonly bus: RedisMessageBus;

  private constructor(
    readonly gateway: RedisGateway,
    private readonly owned: boolean,
    options: McpRedisOptions,
    settings: RedisBackendSettings,
  ) {
    this.sessions = new RedisSessionStore(
      gateway,
      settings.idleTtlMs,
      settings.maxSessions,
      settings.quotas,
    );
    this.events = new RedisEventStore(gateway, {
      maxLength: options.events?.maxLength,
      maxAgeMs: options.events?.maxAgeMs ?? settings.idleTtlMs,
    });
    this.replay = new RedisReplayStore(gateway);
    this.throttler = new RedisThrottlerStorage(gateway);
    this.tasks = new RedisTaskStore(gateway, settings.maxTasks);
    this.bus = new RedisMessageBus(gateway);
  }

  /** Connects (a `url`) or adopts (a `client`), subscribes the bus; boot fails if Redis is unreachable. */
  static async open(
    options: McpRedisOptions,
    settings: RedisBackendSettings,
  ): Promise<RedisBackend> {
    const client = options.client ?? (await connect(options.url));
    const gateway = new RedisGateway(
      client,
      options.keyPrefix ?? 'mcp:',
      options.commandTimeoutMs ?? 1_000,
    );
    const backend = new RedisBackend(gateway, options.client === undefined, options, settings);
    try {
      await withTimeout(backend.bus.start(), BOOT_TIMEOUT_MS);
    } catch (error) {
      await backend.onApplicationShutdown();
      throw new Error(RedisMessages.unreachableAtBoot((error as Error).message));
    }
    return backend;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.stop();
    if (this.owned) await this.gateway.client.quit().catch(() => this.gateway.client.disconnect());
  }
}

/**
 * A client of our own: commands fail at once while disconnected (no offline queue), so an
 * outage answers 503 instead of hanging; reconnection is automatic.
 */
async function connect(url: string): Promise<McpRedisClient> {
  let Redis: new (
    url: string,
    options: Record<string, unknown>,
  ) => McpRedisClient & {
    connect(): Promise<void>;
  };
  try {
    ({ Redis } = (await import('ioredis')) as unknown as { Redis: typeof Redis });
  } catch {
    throw new Error(RedisMessages.ioredisMissing());
  }
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(100 * attempt, 1_000),
  });
  client.on('error', () => undefined);
  try {
    await withTimeout(client.connect(), BOOT_TIMEOUT_MS);
  } catch (error) {
    client.disconnect();
    throw new Error(RedisMessages.unreachableAtBoot((error as Error).message));
  }
  return client;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
