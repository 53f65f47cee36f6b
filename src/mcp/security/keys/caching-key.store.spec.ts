import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { McpAgentKey } from './agent-key.interface.js';
import { CachingKeyStore } from './caching-key.store.js';
import type { KeyStore } from './key-store.interface.js';

const key: McpAgentKey = {
  keyid: 'k1',
  principalId: 'p',
  alg: 'ed25519',
  key: generateKeyPairSync('ed25519').publicKey,
  scopes: [],
  status: 'active',
};

function counting(lookup: (keyid: string) => Promise<McpAgentKey | null>) {
  const calls: string[] = [];
  const inner: KeyStore = { findByKeyId: (keyid) => (calls.push(keyid), lookup(keyid)) };
  return { inner, calls };
}

describe('CachingKeyStore', () => {
  it('reuses a found key for ttlMs and an unknown keyid for negativeTtlMs', async () => {
    let now = 0;
    const { inner, calls } = counting(async (id) => (id === 'k1' ? key : null));
    const cache = new CachingKeyStore(inner, { now: () => now });
    expect(await cache.findByKeyId('k1')).toBe(key);
    expect(await cache.findByKeyId('nobody')).toBeNull();
    now = 9_999;
    await cache.findByKeyId('k1');
    await cache.findByKeyId('nobody');
    expect(calls).toEqual(['k1', 'nobody']);
    now = 10_000;
    await cache.findByKeyId('nobody');
    now = 60_000;
    await cache.findByKeyId('k1');
    expect(calls).toEqual(['k1', 'nobody', 'nobody', 'k1']);
  });

  it('A27 invalidate(keyid) makes a revocation take effect at once', async () => {
    let current: McpAgentKey = key;
    const { inner } = counting(async () => current);
    const cache = new CachingKeyStore(inner);
    expect((await cache.findByKeyId('k1'))?.status).toBe('active');
    current = { ...key, status: 'revoked' };
    expect((await cache.findByKeyId('k1'))?.status).toBe('active');
    cache.invalidate('k1');
    expect((await cache.findByKeyId('k1'))?.status).toBe('revoked');
  });

  it('shares one lookup between concurrent calls and never caches failures', async () => {
    let fail = true;
    const { inner, calls } = counting(async () => {
      if (fail) throw new Error('db down');
      return key;
    });
    const cache = new CachingKeyStore(inner);
    const results = await Promise.allSettled([cache.findByKeyId('k1'), cache.findByKeyId('k1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toHaveLength(1);
    fail = false;
    expect(await cache.findByKeyId('k1')).toBe(key);
  });

  it('evicts the least recently used entry at maxEntries', async () => {
    const { inner, calls } = counting(async () => null);
    const cache = new CachingKeyStore(inner, { maxEntries: 2 });
    await cache.findByKeyId('a');
    await cache.findByKeyId('b');
    await cache.findByKeyId('a');
    await cache.findByKeyId('c');
    await cache.findByKeyId('a');
    await cache.findByKeyId('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });
});
