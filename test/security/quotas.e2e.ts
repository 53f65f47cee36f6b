import { Module } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { McpModule, StaticKeyStore } from '../../src/mcp/index.js';
import { FixtureTasksTools } from '../fixture/fixture-tasks.tools.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { edAgent } from '../support/security/agents.js';
import { sign } from '../support/security/request.signer.js';
import { craft } from '../support/security/signature.crafter.js';
import { send } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { initializeMessage } from '../support/wire/session.requests.js';
import { statelessRequest, toolCall } from '../support/wire/stateless.requests.js';
import { jsonPost } from '../support/wire/wire.request.js';
import { PUBLIC_BASE_URL } from '../support/security/secure-app.js';

const TASKS = 'io.modelcontextprotocol/tasks';
const agent = edAgent('quota.ed', 'quota-agent', []);
const other = edAgent('other.ed', 'other-agent', []);

/** The library's defaults plus signing (no rate rules, no caps set by the test). */
@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'quotas-e2e', version: '1.0.0' },
      signing: {
        keys: StaticKeyStore.fromConfig([agent.entry, other.entry]),
        publicBaseUrl: PUBLIC_BASE_URL,
      },
    }),
  ],
  providers: [FixtureTasksTools],
})
class DefaultsModule {}

async function withApp(run: (app: RunningApp) => Promise<void>): Promise<void> {
  const app = await startApp(DefaultsModule);
  try {
    await run(app);
  } finally {
    await app.close();
  }
}

const initialize = () => jsonPost(initializeMessage());

const taskCall = (seconds: number, id: number) =>
  statelessRequest(
    'tools/call',
    { name: 'slow_compute', arguments: { seconds } },
    {
      id,
      name: 'slow_compute',
      meta: { 'io.modelcontextprotocol/clientCapabilities': { extensions: { [TASKS]: {} } } },
    },
  );

describe('I. Quotas on the library defaults', () => {
  it('I7 anonymous clients cannot fill the session cap: a signed agent still opens a session', async () => {
    await withApp(async (app) => {
      let opened = 0;
      let refusedWith = 0;
      for (let i = 0; i < 10_001; i++) {
        const res = await send(app.port, initialize());
        if (res.status !== 200) {
          refusedWith = res.status;
          break;
        }
        opened++;
      }
      expect(refusedWith).toBe(429);
      expect(opened).toBeLessThan(10_000);
      await expect(
        openSession(app.url, { agent, publicBaseUrl: PUBLIC_BASE_URL }),
      ).resolves.toEqual(expect.any(String));
    });
  }, 120_000);

  it('I9 an agent with the default in-flight cap (8) launches 20 task calls: 429 past 8, the slot is held until each task settles', async () => {
    await withApp(async (app) => {
      const statuses: number[] = [];
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await send(app.port, sign(agent, taskCall(30, i), PUBLIC_BASE_URL));
        statuses.push(res.status);
        if (res.status === 200) ids.push(res.json().result.taskId as string);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(8);
      expect(statuses.slice(8).every((s) => s === 429)).toBe(true);
      // Another agent is unaffected; cancelling one task frees one slot.
      expect((await send(app.port, sign(other, taskCall(30, 99), PUBLIC_BASE_URL))).status).toBe(
        200,
      );
      const cancel = statelessRequest(
        'tasks/cancel',
        { taskId: ids[0] },
        {
          name: ids[0],
          meta: { 'io.modelcontextprotocol/clientCapabilities': { extensions: { [TASKS]: {} } } },
        },
      );
      expect((await send(app.port, sign(agent, cancel, PUBLIC_BASE_URL))).status).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      expect((await send(app.port, sign(agent, taskCall(30, 50), PUBLIC_BASE_URL))).status).toBe(
        200,
      );
    });
  });

  it('I10 30 concurrent anonymous calls from one address: 429 past the anonymous in-flight cap', async () => {
    await withApp(async (app) => {
      const calls = Array.from({ length: 30 }, (_, i) =>
        send(
          app.port,
          statelessRequest(
            'tools/call',
            { name: 'slow_compute', arguments: { seconds: 0.5 } },
            { id: i, name: 'slow_compute' },
          ),
        ),
      );
      const statuses = (await Promise.all(calls)).map((r) => r.status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    });
  });

  it('I11 300 bad or unknown-key signatures from one address (default config): 429 before the end', async () => {
    await withApp(async (app) => {
      const ghost = edAgent('ghost.ed', 'ghost', []);
      const statuses: number[] = [];
      for (let i = 0; i < 300; i++) {
        const req =
          i % 2 === 0
            ? craft(agent, toolCall('slow_compute', { seconds: 0 }), PUBLIC_BASE_URL, {
                tamper: (b) => b.reverse(),
              })
            : sign(ghost, toolCall('slow_compute', { seconds: 0 }), PUBLIC_BASE_URL);
        statuses.push((await send(app.port, req)).status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(-10).every((s) => s === 429)).toBe(true);
      // Another address's valid agent is unaffected.
      const ok = await send(
        app.port,
        sign(agent, toolCall('slow_compute', { seconds: 0 }), PUBLIC_BASE_URL),
        { localAddress: '127.0.0.2' },
      );
      expect(ok.status).toBe(200);
    });
  });
});
