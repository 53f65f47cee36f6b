import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edAgent } from '../support/security/agents.js';
import { sign } from '../support/security/request.signer.js';
import { send } from '../support/wire/http.client.js';
import { initializeMessage } from '../support/wire/session.requests.js';
import { toolCall } from '../support/wire/stateless.requests.js';
import { jsonPost } from '../support/wire/wire.request.js';
import { ReplicaCluster } from '../support/scale/replica-cluster.js';

const writer = edAgent('writer.ed25519', 'writer', ['notes:write']);

const initialize = () => jsonPost(initializeMessage());

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

describe('Redis stops and comes back under two demo replicas', () => {
  let cluster: ReplicaCluster;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nest-mcp-outage-'));
    const keyFile = join(dir, 'agent-keys.json');
    writeFileSync(keyFile, JSON.stringify({ keys: [writer.entry] }), { mode: 0o600 });
    cluster = await ReplicaCluster.start(2, { app: 'demo', env: { MCP_AGENT_KEYS: keyFile } });
  });

  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails closed while Redis is down (503 + Retry-After, readiness 503 within 2 s, never a 500 or a hang) and recovers without a restart', async () => {
    const port = cluster.proxy.port;
    expect((await send(port, initialize())).status).toBe(200);

    await cluster.redis.stop();
    for (const replica of cluster.replicas) {
      const ready = await timed(() => fetch(`http://127.0.0.1:${replica.port}/health/ready`));
      expect(ready.value.status).toBe(503);
      expect(ready.ms).toBeLessThan(2_000);
    }
    const attempts = [
      () => send(port, initialize()),
      () => send(port, initialize()),
      () => send(port, sign(writer, toolCall('notes_add', { text: 'down' }, 'w1'), cluster.origin)),
      () => send(port, sign(writer, toolCall('notes_add', { text: 'down' }, 'w2'), cluster.origin)),
    ];
    for (const attempt of attempts) {
      const { value: res, ms } = await timed(attempt);
      expect(res.status, res.text).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(ms).toBeLessThan(2_500);
    }

    await cluster.redis.resume();
    const deadline = Date.now() + 10_000;
    let ready = 0;
    while (Date.now() < deadline) {
      const statuses = await Promise.all(
        cluster.replicas.map((r) =>
          fetch(`http://127.0.0.1:${r.port}/health/ready`).then((x) => x.status),
        ),
      );
      if (statuses.every((s) => s === 200)) {
        ready = 200;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
    expect((await send(port, initialize())).status).toBe(200);
    expect((await send(port, initialize())).status).toBe(200);
    const write = await send(
      port,
      sign(writer, toolCall('notes_add', { text: 'back' }, 'w3'), cluster.origin),
    );
    expect(write.status, write.text).toBe(200);
  });
});
