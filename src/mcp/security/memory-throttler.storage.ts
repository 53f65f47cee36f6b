import type { McpThrottlerStorage } from '../config/mcp-options.interface.js';

interface Window {
  hits: number;
  expiresAt: number;
  blockedUntil: number;
}

/**
 * A fixed-window counter behind @nestjs/throttler's `ThrottlerStorage` interface: O(1) per hit
 * and a few numbers per key. (The package's own in-memory storage keeps every hit's timestamp,
 * which grows with traffic and slows each request.) Keys are swept when their window ends.
 */
export class MemoryThrottlerStorage implements McpThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 30_000) {
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs).unref();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ) {
    const now = Date.now();
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window || (window.expiresAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, expiresAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    if (window.blockedUntil > now) {
      return {
        totalHits: window.hits,
        timeToExpire: seconds(window.expiresAt - now),
        isBlocked: true,
        timeToBlockExpire: seconds(window.blockedUntil - now),
      };
    }
    window.hits += 1;
    if (window.hits > limit && blockDuration > 0) window.blockedUntil = now + blockDuration;
    const isBlocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: seconds(window.expiresAt - now),
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds(window.blockedUntil - now) : 0,
    };
  }

  /** Keys currently tracked (tests check that unknown tools never add any). */
  get size(): number {
    return this.windows.size;
  }

  /** @internal */
  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, w] of this.windows)
      if (w.expiresAt <= now && w.blockedUntil <= now) this.windows.delete(id);
  }
}

const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));
