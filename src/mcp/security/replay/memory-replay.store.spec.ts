import { afterEach, describe, expect, it } from 'vitest';
import { MemoryReplayStore } from './memory-replay.store.js';
import { ReplayStoreFullError } from './replay-store-full.error.js';

let now = 0;
const stores: MemoryReplayStore[] = [];
const store = (maxEntries = 3) => {
  const created = new MemoryReplayStore({ maxEntries, now: () => now });
  stores.push(created);
  return created;
};
afterEach(() => {
  now = 0;
  stores.splice(0).forEach((s) => s.onModuleDestroy());
});

describe('MemoryReplayStore', () => {
  it('answers true for a first use and false for a replay within the ttl', async () => {
    const s = store();
    expect(await s.claim('a', 1000)).toBe(true);
    expect(await s.claim('a', 1000)).toBe(false);
    now = 999;
    expect(await s.claim('a', 1000)).toBe(false);
    now = 1000;
    expect(await s.claim('a', 1000)).toBe(true);
  });

  it('throws ReplayStoreFullError at the cap instead of evicting unexpired nonces', async () => {
    const s = store(2);
    await s.claim('a', 1000);
    await s.claim('b', 1000);
    await expect(s.claim('c', 1000)).rejects.toBeInstanceOf(ReplayStoreFullError);
    expect(await s.claim('a', 1000)).toBe(false);
    now = 1000;
    expect(await s.claim('c', 1000)).toBe(true);
    expect(s.size).toBe(1);
  });

  it('sweep drops only expired entries', async () => {
    const s = store();
    await s.claim('short', 10);
    await s.claim('long', 1000);
    now = 10;
    s.sweep();
    expect(s.size).toBe(1);
    expect(await s.claim('long', 1000)).toBe(false);
  });
});
