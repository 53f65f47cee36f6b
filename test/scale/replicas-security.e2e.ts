import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edAgent, hmacAgent } from '../support/security/agents.js';
import { sign } from '../support/security/request.signer.js';
import { send } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { sessionRequest, sessionStream } from '../support/wire/session.requests.js';
import { openStream } from '../support/wire/sse.stream.js';
import { toolCall } from '../support/wire/stateless.requests.js';
import { ReplicaCluster } from '../support/scale/replica-cluster.js';

const writer = edAgent('writer.ed25519', 'writer', ['notes:write']);
const other = hmacAgent('other.hmac', 'other', ['notes:write']);

describe('security across two demo replicas sharing Redis (separate processes)', () => {
  let cluster: ReplicaCluster;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nest-mcp-replicas-'));
    const keyFile = join(dir, 'agent-keys.json');
    writeFileSync(keyFile, JSON.stringify({ keys: [writer.entry, other.entry] }), { mode: 0o600 });
    cluster = await ReplicaCluster.start(2, {
      app: 'demo',
      // 49 replays from one address would pass the failed-verification limit (30/min): raised.
      env: { MCP_AGENT_KEYS: keyFile, MCP_ANON_LIMIT: '10', MCP_FAILED_AUTH_LIMIT: '1000' },
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('F7: the anonymous limit (10/min) holds exactly across replicas: 10 successes cluster-wide', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await send(cluster.proxy.port, toolCall('notes_list', {}, i));
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const served = new Set(cluster.proxy.routed.map((r) => r.upstream));
    expect(served.size).toBe(2);
  });

  it('A14: the same signed write ×50 at once across both replicas: exactly one 200, 49 × 401', async () => {
    const request = sign(
      writer,
      toolCall('notes_add', { text: 'once only' }, 'a14'),
      cluster.origin,
    );
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(cluster.replicas[i % 2].port, request, { host: `127.0.0.1:${cluster.proxy.port}` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(49);
  });

  it('a signed write replayed to the other replica → 401', async () => {
    const request = sign(
      writer,
      toolCall('notes_add', { text: 'replayed' }, 'replay'),
      cluster.origin,
    );
    const host = { host: `127.0.0.1:${cluster.proxy.port}` };
    expect((await send(cluster.replicas[0].port, request, host)).status).toBe(200);
    expect((await send(cluster.replicas[1].port, request, host)).status).toBe(401);
  });

  it('D9: B posting with A’s session id on another replica reaches nothing of A', async () => {
    const host = { host: `127.0.0.1:${cluster.proxy.port}` };
    const [a, b] = cluster.replicas.map((r) => r.port);
    const sidA = await openSession(`http://127.0.0.1:${a}/mcp`, {
      agent: writer,
      publicBaseUrl: cluster.origin,
      headers: host,
    });
    const stream = await openStream(a, sign(writer, sessionStream(sidA), cluster.origin), host);
    try {
      expect(stream.status).toBe(200);
      const priming = await stream.reader!.next();
      expect(priming.id).toMatch(/^g\.\d+$/);
      const forged = [
        { jsonrpc: '2.0', id: 's1', result: { action: 'accept', content: {} } },
        { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } },
        {
          jsonrpc: '2.0',
          id: 9,
          method: 'resources/subscribe',
          params: { uri: 'tutor://progress' },
        },
      ];
      for (const message of forged) {
        const res = await send(b, sign(other, sessionRequest(sidA, message), cluster.origin), host);
        expect(res.status).toBe(404);
        expect(res.json<{ error: { code: number } }>().error.code).toBe(-32001);
      }
      // Nothing reached A's stream, and A's session goes on.
      const next = await Promise.race([
        stream.reader!.next().then(() => 'event'),
        new Promise((r) => setTimeout(() => r('quiet'), 500)),
      ]);
      expect(next).toBe('quiet');
      const list = await send(
        b,
        sign(
          writer,
          sessionRequest(sidA, { jsonrpc: '2.0', id: 2, method: 'tools/list' }),
          cluster.origin,
        ),
        host,
      );
      expect(list.status).toBe(200);
    } finally {
      stream.close();
    }
  });

  it("the demo's notebook lives in Redis: a note added through one replica is listed by the other", async () => {
    const host = { host: `127.0.0.1:${cluster.proxy.port}` };
    const added = await send(
      cluster.replicas[0].port,
      sign(writer, toolCall('notes_add', { text: 'shared note' }, 'n1'), cluster.origin),
      host,
    );
    expect(added.status).toBe(200);
    const listed = await send(
      cluster.replicas[1].port,
      sign(writer, toolCall('notes_list', {}, 'n2'), cluster.origin),
      host,
    );
    expect(listed.text).toContain('shared note');
  });
});
