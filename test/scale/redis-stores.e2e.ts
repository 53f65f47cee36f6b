import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CachingKeyStore,
  McpKeyRevocation,
  StaticKeyStore,
  type KeyStore,
  type McpSession,
} from '../../src/mcp/index.js';
import { RedisEventStore } from '../../src/mcp/redis/redis-event.store.js';
import { RedisGateway } from '../../src/mcp/redis/redis.gateway.js';
import { RedisReplayStore } from '../../src/mcp/redis/redis-replay.store.js';
import { RedisSessionStore } from '../../src/mcp/redis/redis-session.store.js';
import { RedisThrottlerStorage } from '../../src/mcp/redis/redis-throttler.storage.js';
import type { McpRedisClient } from '../../src/mcp/redis/redis-client.interface.js';
import { standardAgents } from '../support/security/agents.js';
import { sign } from '../support/security/request.signer.js';
import { send } from '../support/wire/http.client.js';
import { toolCall } from '../support/wire/stateless.requests.js';
import { startSecureApp, type SecureApp } from '../support/security/secure-app.js';
import { RedisServer } from '../support/scale/redis-server.js';

const session = (id: string, principalId = 'p'): McpSession => ({
  id,
  principalId,
  protocolVersion: '2025-11-25',
  clientCapabilities: {},
  initialized: true,
  subscriptions: [],
  createdAt: Date.now(),
  lastSeenAt: Date.now(),
});

const note = (n: number) => ({
  jsonrpc: '2.0' as const,
  method: 'notifications/message',
  params: { n },
});

describe('the Redis stores against a real redis-server', () => {
  let redis: RedisServer;
  const clients: McpRedisClient[] = [];

  /** A gateway of its own, as another replica would have. */
  async function replica(): Promise<RedisGateway> {
    const { Redis } = (await import('ioredis')) as unknown as {
      Redis: new (url: string) => McpRedisClient;
    };
    const client = new Redis(redis.url);
    clients.push(client);
    return new RedisGateway(client, `t${randomBytes(3).toString('hex')}:`, 1_000);
  }

  beforeAll(async () => {
    redis = await RedisServer.start();
  });

  afterAll(async () => {
    for (const client of clients) await client.quit();
    await redis?.stop();
  });

  it('counts the session cap across replicas and expires idle sessions', async () => {
    const a = await replica();
    const b = new RedisGateway((await replica()).client, a.prefix, 1_000);
    const storeA = new RedisSessionStore(a, 300, 2);
    const storeB = new RedisSessionStore(b, 300, 2);
    expect(await storeA.create(session('s1'))).toBe(true);
    expect(await storeB.create(session('s2'))).toBe(true);
    expect(await storeA.create(session('s3'))).toBe(false);
    expect(await storeB.count()).toBe(2);
    expect((await storeB.get('s1'))?.principalId).toBe('p');
    await new Promise((r) => setTimeout(r, 400));
    expect(await storeA.get('s1')).toBeUndefined();
    expect(await storeB.create(session('s3'))).toBe(true);
  });

  it('keeps session quotas across replicas: per quota key, anonymous share; freed on delete', async () => {
    const a = await replica();
    const b = new RedisGateway((await replica()).client, a.prefix, 1_000);
    const quotas = { perAnonymousAddress: 2, perPrincipal: 3, anonymousShare: 0.5 };
    const storeA = new RedisSessionStore(a, 60_000, 6, quotas);
    const storeB = new RedisSessionStore(b, 60_000, 6, quotas);
    const anon = (id: string, addr: string) => ({ ...session(id), quotaKey: `anon:${addr}` });
    expect(await storeA.create(anon('a1', '1.1.1.1'))).toBe(true);
    expect(await storeB.create(anon('a2', '1.1.1.1'))).toBe(true);
    expect(await storeA.create(anon('a3', '1.1.1.1'))).toBe('quota');
    expect(await storeB.create(anon('a4', '2.2.2.2'))).toBe(true);
    // Anonymous sessions together: at most half of the cap of 6.
    expect(await storeA.create(anon('a5', '3.3.3.3'))).toBe('quota');
    const agent = (id: string) => ({ ...session(id), quotaKey: 'agent:w' });
    expect(await storeA.create(agent('w1'))).toBe(true);
    // An update without the quota key keeps it: delete still frees the quota.
    await storeB.update({ ...session('a1'), subscriptions: [] });
    expect((await storeA.get('a1'))?.quotaKey).toBe('anon:1.1.1.1');
    await storeB.delete('a1');
    expect(await storeA.create(anon('a6', '1.1.1.1'))).toBe(true);
  });

  it('caps unexpired nonces per key id in the replay store', async () => {
    const store = new RedisReplayStore(await replica(), 2);
    expect(await store.claim('mcp:rp:k1:h1', 60_000)).toBe(true);
    expect(await store.claim('mcp:rp:k1:h1', 60_000)).toBe(false);
    expect(await store.claim('mcp:rp:k1:h2', 60_000)).toBe(true);
    await expect(store.claim('mcp:rp:k1:h3', 60_000)).rejects.toThrow();
    expect(await store.claim('mcp:rp:k2:h1', 60_000)).toBe(true);
  });

  it('drops a finished stream after its grace period', async () => {
    const events = new RedisEventStore(await replica());
    const primed = await events.openStream('p\u0000s', 'r1');
    await events.append('p\u0000s', 'r1', note(1));
    await events.finishStream('p\u0000s', 'r1', 100);
    await new Promise((r) => setTimeout(r, 250));
    const seen: unknown[] = [];
    expect(await events.replayAfter('p\u0000s', primed, (_id, m) => seen.push(m))).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('indexes resource subscriptions and forgets them on unsubscribe and delete', async () => {
    const store = new RedisSessionStore(await replica(), 60_000, 10);
    await store.create(session('s1', 'alice'));
    await store.update({ ...session('s1', 'alice'), subscriptions: ['x://a', 'x://b'] });
    expect(await store.subscribersOf('x://a')).toEqual([{ id: 's1', principalId: 'alice' }]);
    await store.update({ ...session('s1', 'alice'), subscriptions: ['x://b'] });
    expect(await store.subscribersOf('x://a')).toEqual([]);
    await store.delete('s1');
    expect(await store.subscribersOf('x://b')).toEqual([]);
  });

  it('bounds each recorded stream in length and age, and replays from any replica', async () => {
    const a = await replica();
    const writer = new RedisEventStore(a, { maxLength: 3, maxAgeMs: 300 });
    const reader = new RedisEventStore(
      new RedisGateway((await replica()).client, a.prefix, 1_000),
      { maxLength: 3, maxAgeMs: 300 },
    );
    const priming = await writer.openStream('k', 'r1', { owner: 'x', requestId: 7 });
    expect(priming).toBe('r1.0');
    for (let n = 1; n <= 5; n++) await writer.append('k', 'r1', note(n));
    const seen: string[] = [];
    expect(await reader.replayAfter('k', priming, (id) => seen.push(id))).toBe('r1');
    expect(seen).toEqual(['r1.3', 'r1.4', 'r1.5']);
    expect(await reader.streamMeta('k', 'r1')).toEqual({ owner: 'x', requestId: 7 });
    expect(await reader.appendIfOpen('k', 'never-opened', note(1))).toBeUndefined();
    await new Promise((r) => setTimeout(r, 350));
    const late: string[] = [];
    await reader.replayAfter('k', priming, (id) => late.push(id));
    expect(late).toEqual([]);
  });

  it('counts a rate limit exactly when two replicas hit it at once', async () => {
    const a = await replica();
    const b = new RedisGateway((await replica()).client, a.prefix, 1_000);
    const [sa, sb] = [new RedisThrottlerStorage(a), new RedisThrottlerStorage(b)];
    const hits = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? sa : sb).increment('k', 60_000, 25, 0, 't')),
    );
    expect(hits.filter((h) => h.totalHits <= 25)).toHaveLength(25);
    expect(new Set(hits.map((h) => h.totalHits)).size).toBe(40);
  });

  describe('key revocation with CachingKeyStore on two replicas', () => {
    const agents = standardAgents();
    let apps: SecureApp[] = [];
    let revoked = false;

    beforeAll(async () => {
      const stateSecret = randomBytes(32).toString('base64url');
      const keys = StaticKeyStore.fromConfig(Object.values(agents).map((a) => a.entry));
      // The shared key database: what every replica's cache sits in front of.
      const database: KeyStore = {
        findByKeyId: async (keyid) =>
          revoked && keyid === agents.writer.keyid ? null : keys.findByKeyId(keyid),
      };
      apps = await Promise.all(
        [0, 1].map(() =>
          startSecureApp({
            agents,
            mcp: {
              redis: { url: redis.url },
              stateSecret,
              signing: { keys: new CachingKeyStore(database, { ttlMs: 60_000 }) },
            },
          }),
        ),
      );
    });

    afterAll(async () => {
      for (const app of apps) await app.close();
    });

    it('a key revoked through one replica is refused by the other within a second', async () => {
      const call = (app: SecureApp, id: string) =>
        send(
          app.port,
          sign(agents.writer, toolCall('probe_read', { text: id }, id), app.publicBaseUrl),
        );
      expect((await call(apps[0], 'a')).status).toBe(200);
      expect((await call(apps[1], 'b')).status).toBe(200);
      revoked = true;
      // Cached for 60 s on both replicas, until the revocation is announced.
      expect((await call(apps[1], 'c')).status).toBe(200);
      await apps[0].app.get(McpKeyRevocation).invalidate(agents.writer.keyid);
      const started = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - started < 1_000) {
        status = (await call(apps[1], `d${Date.now()}`)).status;
      }
      expect(status).toBe(401);
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });

  it('boot fails with the reason when redis is configured without a shared stateSecret', async () => {
    await expect(
      startSecureApp({ unsigned: true, mcp: { redis: { url: redis.url } } }),
    ).rejects.toThrow(/stateSecret.*replica/s);
  });

  it('uses a client the app built as it is, and leaves it open on shutdown', async () => {
    const { Redis } = (await import('ioredis')) as unknown as {
      Redis: new (url: string) => McpRedisClient;
    };
    const client = new Redis(redis.url);
    clients.push(client);
    const app = await startSecureApp({
      unsigned: true,
      mcp: { redis: { client, keyPrefix: 'own:' }, stateSecret: randomBytes(32).toString('hex') },
    });
    try {
      const res = await send(app.port, toolCall('probe_read', { text: 'hi' }));
      expect(res.status).toBe(200);
      expect(await client.call('EXISTS', `own:{sessions}:live`)).toBe(0);
    } finally {
      await app.close();
    }
    expect(client.status).toBe('ready');
    expect(await client.call('PING')).toBe('PONG');
  });
});
