import { ReplayStoreFullError } from './replay-store-full.error.js';
import type { ReplayStore } from './replay-store.interface.js';

/** Tuning of `MemoryReplayStore`. */
export interface MemoryReplayStoreOptions {
  /** Hard cap of unexpired nonces; size it as principal limit × window. Default 100 000. */
  maxEntries?: number;
  /** How often expired nonces are dropped. Default 30 000 ms. */
  sweepIntervalMs?: number;
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

/**
 * A single-instance replay store: a Map of expiry times swept periodically. At the cap it
 * throws `ReplayStoreFullError` rather than evict an unexpired nonce, because evicting would
 * re-open a replay window. Use a shared store (Redis) when running more than one instance.
 *
 * @example
 * new SignatureVerifier(keys, new MemoryReplayStore({ maxEntries: 50_000 }))
 */
export class MemoryReplayStore implements ReplayStore {
  private readonly expiries = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;

  constructor(options: MemoryReplayStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
    // unref: the sweep alone must never keep the process alive.
    this.timer = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 30_000).unref();
  }

  /** Number of nonces held, expired ones included until the next sweep. */
  get size(): number {
    return this.expiries.size;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiry = this.expiries.get(key);
    if (expiry !== undefined && expiry > now) return false;
    if (expiry === undefined && this.expiries.size >= this.maxEntries) {
      this.sweep();
      if (this.expiries.size >= this.maxEntries) throw new ReplayStoreFullError(this.maxEntries);
    }
    this.expiries.set(key, now + ttlMs);
    return true;
  }

  /** Drops expired nonces; runs on the timer and when the cap is reached. */
  sweep(): void {
    const now = this.now();
    for (const [key, expiry] of this.expiries) {
      if (expiry <= now) this.expiries.delete(key);
    }
  }

  /** Stops the sweep timer (Nest calls this on shutdown). */
  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
