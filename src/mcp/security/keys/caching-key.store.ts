import type { McpAgentKey } from './agent-key.interface.js';
import type { KeyStore } from './key-store.interface.js';

/** Tuning of `CachingKeyStore`. */
export interface CachingKeyStoreOptions {
  /** How long a found key is reused. Default 60 000 ms: the revocation delay. */
  ttlMs?: number;
  /** How long an unknown keyid is remembered. Default 10 000 ms. */
  negativeTtlMs?: number;
  /** Entry cap; the least recently used entry goes first. Default 10 000. */
  maxEntries?: number;
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

interface Entry {
  key: McpAgentKey | null;
  expiresAt: number;
}

/**
 * Wraps any key store with a bounded cache, so every request does not hit the database.
 * Concurrent lookups of one keyid share a single call; store failures are never cached.
 * Call `invalidate(keyid)` on revocation to make it take effect at once.
 *
 * @example
 * new CachingKeyStore(new DbKeyStore(db), { ttlMs: 30_000 })
 */
export class CachingKeyStore implements KeyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<McpAgentKey | null>>();
  /** Bumped by `invalidate`, so a lookup started before it cannot cache a stale answer. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: KeyStore,
    options: CachingKeyStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async findByKeyId(keyid: string): Promise<McpAgentKey | null> {
    const hit = this.entries.get(keyid);
    this.entries.delete(keyid);
    if (hit && hit.expiresAt > this.now()) {
      this.entries.set(keyid, hit); // re-insert: Map order is the LRU order
      return hit.key;
    }
    let lookup = this.pending.get(keyid);
    if (lookup === undefined) {
      lookup = this.load(keyid, this.generation);
      this.pending.set(keyid, lookup);
    }
    return lookup;
  }

  /** Forgets one keyid, or everything when called without one. */
  invalidate(keyid?: string): void {
    this.generation++;
    if (keyid === undefined) this.entries.clear();
    else this.entries.delete(keyid);
  }

  private async load(keyid: string, generation: number): Promise<McpAgentKey | null> {
    try {
      const key = await this.inner.findByKeyId(keyid);
      if (generation === this.generation) this.remember(keyid, key);
      return key;
    } finally {
      this.pending.delete(keyid);
    }
  }

  private remember(keyid: string, key: McpAgentKey | null): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const ttl = key === null ? this.negativeTtlMs : this.ttlMs;
    this.entries.set(keyid, { key, expiresAt: this.now() + ttl });
  }
}
