import { Module, type Type } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TutorModule } from '../../src/demo/tutor/tutor.module.js';
import {
  McpModule,
  MemorySessionStore,
  type McpModuleExtras,
  type McpModuleOptions,
} from '../../src/mcp/index.js';
import type { McpSession } from '../../src/mcp/index.js';
import { startApp, startDemoApp, type RunningApp, type TestAdapter } from '../support/demo-app.js';
import { call } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';

const DEMO_OPTIONS: McpModuleOptions = {
  serverInfo: { name: 'nest-mcp-demo', version: '0.1.0' },
};

/** The demo's tools behind an McpModule configured by the test. */
function tutorApp(options: Partial<McpModuleOptions> & McpModuleExtras): Type<unknown> {
  @Module({ imports: [McpModule.forRoot({ ...DEMO_OPTIONS, ...options }), TutorModule] })
  class TutorTestApp {}
  return TutorTestApp;
}

const get = (url: string) => call(url, { method: 'GET' });

describe.each<TestAdapter>(['express', 'fastify'])(
  'health endpoints on the demo (%s)',
  (adapter) => {
    let demo: RunningApp;

    beforeAll(async () => {
      demo = await startDemoApp({ adapter });
    });
    afterAll(async () => {
      await demo?.close();
    });

    it('GET /health: liveness, terminus-shaped, never cached', async () => {
      const res = await get(`${demo.origin}/health`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({
        status: 'ok',
        info: { process: { status: 'up' } },
        error: {},
        details: { process: { status: 'up' } },
      });
    });

    it('GET /health/ready: discovery finished, session store answers', async () => {
      const res = await get(`${demo.origin}/health/ready`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json();
      expect(body.status).toBe('ok');
      expect(body.error).toEqual({});
      expect(body.details).toEqual({
        lifecycle: { status: 'up' },
        discovery: { status: 'up' },
        sessionStore: { status: 'up', sessions: expect.any(Number) },
        eventStore: { status: 'up' },
        taskStore: { status: 'up' },
      });
      expect(body.info).toEqual(body.details);
    });

    it('GET /mcp/health answers as readiness', async () => {
      const [endpoint, ready] = await Promise.all([
        get(`${demo.url}/health`),
        get(`${demo.origin}/health/ready`),
      ]);
      expect(endpoint.status).toBe(200);
      expect(endpoint.headers['cache-control']).toBe('no-store');
      expect(endpoint.json()).toEqual(ready.json());
    });
  },
);

describe('readiness counts live sessions (express)', () => {
  let demo: RunningApp;
  beforeAll(async () => {
    demo = await startDemoApp();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('the session store count moves when a session opens', async () => {
    const before = (await get(`${demo.url}/health`)).json().details.sessionStore.sessions as number;
    await openSession(demo.url);
    const after = (await get(`${demo.url}/health`)).json().details.sessionStore.sessions as number;
    expect(after).toBe(before + 1);
  });
});

describe('readiness during shutdown', () => {
  it('turns 503 while the app shuts down, liveness stays 200', async () => {
    const running = await startApp(tutorApp({ health: { gracefulShutdownTimeoutMs: 1_500 } }));
    expect((await get(`${running.origin}/health/ready`)).status).toBe(200);
    const closing = running.app.close();
    let seen: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < 100 && !seen; i++) {
      const res = await get(`${running.origin}/health/ready`);
      if (res.status === 503) seen = res;
      else await sleep(10);
    }
    expect(seen?.status).toBe(503);
    const body = seen!.json();
    expect(body.status).toBe('error');
    expect(body.error.lifecycle).toEqual({
      status: 'down',
      message: 'the server is shutting down',
    });
    expect(body.info.discovery).toEqual({ status: 'up' });
    expect((await get(`${running.url}/health`)).status).toBe(503);
    expect((await get(`${running.origin}/health`)).status).toBe(200);
    await closing;
  });
});

describe('health configuration', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('paths are configurable', async () => {
    running = await startApp(
      tutorApp({ path: 'agents', health: { path: 'healthz', readyPath: 'readyz' } }),
      { mcpPath: '/agents' },
    );
    expect((await get(`${running.origin}/healthz`)).status).toBe(200);
    expect((await get(`${running.origin}/readyz`)).json().details.discovery).toEqual({
      status: 'up',
    });
    expect((await get(`${running.origin}/agents/health`)).status).toBe(200);
    expect((await get(`${running.origin}/health`)).status).toBe(404);
    expect((await get(`${running.origin}/health/ready`)).status).toBe(404);
  });

  it('each endpoint can be turned off', async () => {
    running = await startApp(tutorApp({ health: { readyPath: false, endpoint: false } }));
    expect((await get(`${running.origin}/health`)).status).toBe(200);
    expect((await get(`${running.origin}/health/ready`)).status).toBe(404);
    expect((await get(`${running.url}/health`)).status).toBe(404);
  });

  it('health: false serves none', async () => {
    running = await startApp(tutorApp({ health: false }));
    for (const path of ['/health', '/health/ready', '/mcp/health']) {
      expect((await get(`${running.origin}${path}`)).status).toBe(404);
    }
  });

  it('a failing session store makes readiness 503 without leaking its error', async () => {
    class BrokenStore extends MemorySessionStore {
      override count(): Promise<number> {
        return Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:6379'));
      }
    }
    running = await startApp(tutorApp({ stores: { sessions: new BrokenStore(60_000, 10) } }));
    const res = await get(`${running.origin}/health/ready`);
    expect(res.status).toBe(503);
    expect(res.json().error).toEqual({
      sessionStore: { status: 'down', message: 'the session store did not answer' },
    });
    expect(res.text).not.toContain('10.1.2.3');
    expect((await get(`${running.origin}/health`)).status).toBe(200);
  });

  it('a session store that hangs fails readiness after the check timeout', async () => {
    class HangingStore extends MemorySessionStore {
      override count(): Promise<number> {
        return new Promise<number>(() => undefined);
      }
      override async create(_session: McpSession): Promise<boolean> {
        return false;
      }
    }
    running = await startApp(tutorApp({ stores: { sessions: new HangingStore(60_000, 10) } }));
    const started = Date.now();
    const res = await get(`${running.url}/health`);
    expect(res.status).toBe(503);
    expect(res.json().error.sessionStore.message).toMatch(/did not answer within 1000 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
