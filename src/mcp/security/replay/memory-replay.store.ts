import { ReplayStoreFullError } from './replay-store-full.error.js';
import type { ReplayStore } from './replay-store.interface.js';

/** Tuning of `MemoryReplayStore`. */
export interface MemoryReplayStoreOptions {
  /** Hard cap of unexpired nonces; size it as principal limit × window. Default 100 000. */
  maxEntries?: number;
  /**
   * Cap of unexpired nonces of one key id (the key's scope, `mcp:rp:<keyid>`), so one agent
   * cannot fill the store for every other. Default a tenth of `maxEntries`.
   */
  maxEntriesPerKey?: number;
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
  /** Unexpired-or-unswept nonces per key scope. */
  private readonly perScope = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly maxEntriesPerKey: number;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;

  constructor(options: MemoryReplayStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 100_000;
    this.maxEntriesPerKey =
      options.maxEntriesPerKey ?? Math.max(1, Math.floor(this.maxEntries / 10));
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
    const scope = scopeOf(key);
    if (expiry === undefined) {
      if (
        this.expiries.size >= this.maxEntries ||
        (this.perScope.get(scope) ?? 0) >= this.maxEntriesPerKey
      )
        this.sweep();
      if (this.expiries.size >= this.maxEntries) throw new ReplayStoreFullError(this.maxEntries);
      const held = this.perScope.get(scope) ?? 0;
      if (held >= this.maxEntriesPerKey) throw new ReplayStoreFullError(this.maxEntriesPerKey);
      this.perScope.set(scope, held + 1);
    }
    this.expiries.set(key, now + ttlMs);
    return true;
  }

  /** Drops expired nonces; runs on the timer and when the cap is reached. */
  sweep(): void {
    const now = this.now();
    for (const [key, expiry] of this.expiries) {
      if (expiry <= now) {
        this.expiries.delete(key);
        const scope = scopeOf(key);
        const left = (this.perScope.get(scope) ?? 1) - 1;
        if (left > 0) this.perScope.set(scope, left);
        else this.perScope.delete(scope);
      }
    }
  }

  /** Stops the sweep timer (Nest calls this on shutdown). */
  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}

/** `mcp:rp:<keyid>:<hash>` → `mcp:rp:<keyid>`; any other key is its own scope. */
function scopeOf(key: string): string {
  const colon = key.lastIndexOf(':');
  return colon > 0 ? key.slice(0, colon) : key;
}
