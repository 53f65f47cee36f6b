import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { describe, expect, it } from 'vitest';
import { MemoryThrottlerStorage } from '../../src/mcp/security/memory-throttler.storage.js';
import { standardAgents } from '../support/security/agents.js';
import { sign } from '../support/security/request.signer.js';
import { craft } from '../support/security/signature.crafter.js';
import { type RawResponse, send } from '../support/wire/http.client.js';
import { statelessRequest, toolCall } from '../support/wire/stateless.requests.js';
import { jsonPost, type WireRequest } from '../support/wire/wire.request.js';
import {
  expectResult,
  expectRetryAfter,
  expectRpcError,
  expectUnauthorized,
} from '../support/security/expect-wire.js';
import {
  startSecureApp,
  type SecureApp,
  type SecureAppOptions,
} from '../support/security/secure-app.js';

const MINUTE = 60_000;

async function withApp(options: SecureAppOptions, run: (app: SecureApp) => Promise<void>) {
  const app = await startSecureApp(options);
  try {
    await run(app);
  } finally {
    await app.close();
  }
}

const trustOneProxy = (app: Parameters<NonNullable<SecureAppOptions['configure']>>[0]) => {
  (app.getHttpAdapter().getInstance() as { set: (k: string, v: unknown) => void }).set(
    'trust proxy',
    1,
  );
};

function expectLimited(res: RawResponse): void {
  expectRpcError(res, 429, -32013);
  const retryAfter = expectRetryAfter(res);
  expect(res.json().error.data.retryAfter).toBe(retryAfter);
}

const fromXff = (xff: string): WireRequest => {
  const req = toolCall('probe_read');
  req.headers['x-forwarded-for'] = xff;
  return req;
};

describe('F. Rate limiting (end to end)', () => {
  it("F1 garbage signatures flooding from one address → 429 after N with an integer Retry-After; another address's valid agent is unaffected", async () => {
    await withApp(
      { mcp: { rateLimit: { perAddress: { limit: 10, ttlMs: MINUTE } } } },
      async (app) => {
        const garbage = () =>
          craft(app.agents.writer, toolCall('probe_write'), app.publicBaseUrl, {
            tamper: (b) => b.reverse(),
          });
        for (let i = 0; i < 10; i++) expectUnauthorized(await send(app.port, garbage()));
        for (let i = 0; i < 3; i++) expectLimited(await send(app.port, garbage()));
        // A valid agent on the same address is refused too (the bucket is per address, pre-auth)…
        expectLimited(
          await send(app.port, sign(app.agents.writer, toolCall('probe_write'), app.publicBaseUrl)),
        );
        // …but one connecting from another loopback address is not.
        const other = await send(
          app.port,
          sign(app.agents.writer, toolCall('probe_write'), app.publicBaseUrl),
          {
            localAddress: '127.0.0.2',
          },
        );
        expect(expectResult(other).content[0].text).toBe('written by writer');
        expect(app.probe.total).toBe(1);
      },
    );
  });

  it('F2 rotating X-Forwarded-For with trust proxy off → one bucket; with 1 trusted hop only the proxy-appended address counts', async () => {
    const anonymous = { limit: 3, ttlMs: MINUTE };
    await withApp({ mcp: { rateLimit: { anonymous } } }, async (app) => {
      for (let i = 0; i < 3; i++) expectResult(await send(app.port, fromXff(`203.0.113.${i}`)));
      expectLimited(await send(app.port, fromXff('203.0.113.99')));
    });
    await withApp({ mcp: { rateLimit: { anonymous } }, configure: trustOneProxy }, async (app) => {
      // The client forges the left part; the proxy appended 198.51.100.7 each time.
      for (let i = 0; i < 3; i++)
        expectResult(await send(app.port, fromXff(`10.0.0.${i}, 198.51.100.7`)));
      expectLimited(await send(app.port, fromXff('10.9.9.9, 198.51.100.7')));
      // Another real client (another proxy-appended address) has its own bucket.
      expectResult(await send(app.port, fromXff('198.51.100.8')));
    });
  });

  it('F3 an IPv6 client rotating inside one /64 → one bucket (addresses as a trusted proxy reports them)', async () => {
    await withApp(
      { mcp: { rateLimit: { anonymous: { limit: 3, ttlMs: MINUTE } } }, configure: trustOneProxy },
      async (app) => {
        for (let i = 1; i <= 3; i++)
          expectResult(await send(app.port, fromXff(`2001:db8:1:2::${i.toString(16)}`)));
        expectLimited(await send(app.port, fromXff('2001:db8:1:2:ffff:ffff:ffff:fff0')));
        expectResult(await send(app.port, fromXff('2001:db8:1:3::1')));
      },
    );
  });

  it('F4 a principal alternating between two keyids shares one principal bucket', async () => {
    await withApp(
      { mcp: { rateLimit: { perPrincipal: { limit: 4, ttlMs: MINUTE } } } },
      async (app) => {
        const { writer, writer2, other } = app.agents;
        for (let i = 0; i < 4; i++)
          expectResult(
            await send(
              app.port,
              sign(i % 2 ? writer2 : writer, toolCall('probe_agent'), app.publicBaseUrl),
            ),
          );
        expectLimited(
          await send(app.port, sign(writer, toolCall('probe_agent'), app.publicBaseUrl)),
        );
        expectLimited(
          await send(app.port, sign(writer2, toolCall('probe_agent'), app.publicBaseUrl)),
        );
        expectResult(await send(app.port, sign(other, toolCall('probe_agent'), app.publicBaseUrl)));
        expect(app.probe.count('probe_agent')).toBe(5);
      },
    );
  });

  it('F5 a tool limited to 5/min: the 6th call → 429 + Retry-After; other tools and tools/list unaffected', async () => {
    await withApp({}, async (app) => {
      const call = () => sign(app.agents.writer, toolCall('probe_limited'), app.publicBaseUrl);
      for (let i = 0; i < 5; i++) expectResult(await send(app.port, call()));
      const sixth = await send(app.port, call());
      expectLimited(sixth);
      expect(sixth.json().id).toBe(1);
      expect(app.probe.count('probe_limited')).toBe(5);
      expectResult(
        await send(app.port, sign(app.agents.writer, toolCall('probe_agent'), app.publicBaseUrl)),
      );
      const tools = expectResult(
        await send(
          app.port,
          sign(app.agents.writer, statelessRequest('tools/list'), app.publicBaseUrl),
        ),
      );
      expect(tools.tools.map((t: { name: string }) => t.name)).toContain('probe_limited');
      // Another principal has its own per-tool bucket.
      expectResult(
        await send(app.port, sign(app.agents.other, toolCall('probe_limited'), app.publicBaseUrl)),
      );
    });
  });

  it('F6 many random tool names via tools/call → −32602; the limiter storage does not grow (500 names, scaled from 100k)', async () => {
    const storage = new MemoryThrottlerStorage();
    await withApp(
      { mcp: { rateLimit: { storage, perPrincipal: { limit: 100_000, ttlMs: MINUTE } } } },
      async (app) => {
        const random = () => `t_${Math.random().toString(36).slice(2)}`;
        expectRpcError(
          await send(app.port, sign(app.agents.writer, toolCall(random()), app.publicBaseUrl)),
          200,
          -32602,
        );
        const size = storage.size;
        for (let i = 0; i < 500; i++)
          expect(
            (
              await send(app.port, sign(app.agents.writer, toolCall(random()), app.publicBaseUrl))
            ).json().error.code,
          ).toBe(-32602);
        expect(storage.size).toBe(size);
      },
    );
  });

  it('F7 two instances sharing one limiter storage (in-process stand-in for Redis), limit 10/min → exactly 10 successes', async () => {
    const storage = new MemoryThrottlerStorage();
    const agents = standardAgents();
    const options: SecureAppOptions = {
      agents,
      mcp: { rateLimit: { storage, perPrincipal: { limit: 10, ttlMs: MINUTE } } },
    };
    const one = await startSecureApp(options);
    const two = await startSecureApp(options);
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const app = i % 2 ? one : two;
          return send(app.port, sign(agents.writer, toolCall('probe_agent'), app.publicBaseUrl));
        }),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(10);
      results.filter((r) => r.status !== 200).forEach(expectLimited);
      expect(one.probe.total + two.probe.total).toBe(10);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it("F8 a plain Retry-After (not only Retry-After-<name>) survives the host's global exception filter", async () => {
    @Catch()
    class RewriteEverything implements ExceptionFilter {
      catch(_error: unknown, host: ArgumentsHost) {
        host
          .switchToHttp()
          .getResponse<{ status: (n: number) => { json: (b: unknown) => void } }>()
          .status(418)
          .json({ rewritten: true });
      }
    }
    await withApp(
      {
        mcp: { rateLimit: { anonymous: { limit: 1, ttlMs: MINUTE } } },
        configure: (app) => void app.useGlobalFilters(new RewriteEverything()),
      },
      async (app) => {
        expectResult(await send(app.port, toolCall('probe_read')));
        const limited = await send(app.port, toolCall('probe_read'));
        expectLimited(limited);
        expect(Object.keys(limited.headers).filter((h) => h.startsWith('retry-after'))).toEqual([
          'retry-after',
        ]);
      },
    );
  });

  it('F9a replay store down → writes 503 + Retry-After; reads also fail closed by default', async () => {
    const replayStore = { claim: () => Promise.reject(new Error('redis: connection refused')) };
    await withApp({ mcp: { signing: { replayStore } } }, async (app) => {
      for (const name of ['probe_write', 'probe_agent']) {
        const res = await send(
          app.port,
          sign(app.agents.writer, toolCall(name), app.publicBaseUrl),
        );
        expectRpcError(res, 503, -32014);
        expectRetryAfter(res);
      }
      expect(app.probe.total).toBe(0);
    });
  });

  // A storage failure must fail closed like the replay store: 503 + Retry-After, never a 500.
  it('F9b limiter storage down → 503 + Retry-After (fail closed)', async () => {
    const storage: ThrottlerStorage = {
      increment: () => Promise.reject(new Error('redis: connection refused')),
    };
    await withApp(
      { mcp: { rateLimit: { storage, perPrincipal: { limit: 10, ttlMs: MINUTE } } } },
      async (app) => {
        const res = await send(
          app.port,
          sign(app.agents.writer, toolCall('probe_write'), app.publicBaseUrl),
        );
        expect(app.probe.total).toBe(0);
        expectRpcError(res, 503, -32014);
        expectRetryAfter(res);
      },
    );
  });
});

void jsonPost;
