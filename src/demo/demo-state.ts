import type { OnApplicationShutdown } from '@nestjs/common';

/**
 * The demo's own state (the notebook, the tutor's progress) as a few hashes: in memory, or in
 * Redis when `MCP_REDIS_URL` is set, so every replica sees the same notebook.
 */
export interface DemoState {
  /** Adds `by` to a numeric field; returns the new value. */
  increment(hash: string, field: string, by?: number): Promise<number>;
  put(hash: string, field: string, value: string): Promise<void>;
  all(hash: string): Promise<Record<string, string>>;
  /** False when the field did not exist. */
  remove(hash: string, field: string): Promise<boolean>;
}

/** Injection token of the {@link DemoState}. */
export const DemoState = Symbol('DEMO_STATE');

/** One process: hashes in Maps. */
export class MemoryDemoState implements DemoState {
  private readonly hashes = new Map<string, Map<string, string>>();

  async increment(hash: string, field: string, by = 1): Promise<number> {
    const value = Number(this.hash(hash).get(field) ?? 0) + by;
    this.hash(hash).set(field, String(value));
    return value;
  }

  async put(hash: string, field: string, value: string): Promise<void> {
    this.hash(hash).set(field, value);
  }

  async all(hash: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.hash(hash));
  }

  async remove(hash: string, field: string): Promise<boolean> {
    return this.hash(hash).delete(field);
  }

  private hash(name: string): Map<string, string> {
    let hash = this.hashes.get(name);
    if (!hash) this.hashes.set(name, (hash = new Map<string, string>()));
    return hash;
  }
}

interface RedisHashes {
  hincrby(key: string, field: string, by: number): Promise<number>;
  hset(key: string, field: string, value: string): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, field: string): Promise<number>;
  quit(): Promise<unknown>;
}

/** Several replicas: the same hashes in Redis (keys under `demo:`). */
export class RedisDemoState implements DemoState, OnApplicationShutdown {
  private constructor(private readonly redis: RedisHashes) {}

  static async connect(url: string): Promise<RedisDemoState> {
    const { Redis } = (await import('ioredis')) as unknown as {
      Redis: new (url: string) => RedisHashes;
    };
    return new RedisDemoState(new Redis(url));
  }

  increment(hash: string, field: string, by = 1): Promise<number> {
    return this.redis.hincrby(`demo:${hash}`, field, by);
  }

  async put(hash: string, field: string, value: string): Promise<void> {
    await this.redis.hset(`demo:${hash}`, field, value);
  }

  all(hash: string): Promise<Record<string, string>> {
    return this.redis.hgetall(`demo:${hash}`);
  }

  async remove(hash: string, field: string): Promise<boolean> {
    return (await this.redis.hdel(`demo:${hash}`, field)) === 1;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
