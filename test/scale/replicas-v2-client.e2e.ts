import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/wait-until.js';
import { ReplicaCluster } from '../support/scale/replica-cluster.js';
import type { Wire } from '../support/wire/http.client.js';
import { statelessHeaders, statelessMessage } from '../support/wire/stateless.requests.js';

const WATCHED = 'test://watched-resource';

describe('two replicas on Redis behind a round-robin balancer: the v2 SDK client (2026-07-28)', () => {
  let cluster: ReplicaCluster;
  const clients: Client[] = [];

  async function connect(): Promise<Client> {
    const client = new Client(
      { name: 'replicas-v2', version: '2.0.0' },
      { capabilities: { elicitation: {} }, versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    client.setRequestHandler('elicitation/create', (request) => {
      const message = String((request.params as { message?: string }).message);
      const content: Record<string, string | boolean> = message.startsWith('Step 2')
        ? { confirmed: true }
        : { name: 'Ada' };
      return { action: 'accept', content };
    });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(cluster.url)));
    return client;
  }

  beforeAll(async () => {
    cluster = await ReplicaCluster.start(2);
  });

  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await cluster?.stop();
  });

  it('answers input-required rounds whose retries land on the other replica (shared stateSecret)', async () => {
    const client = await connect();
    const from = cluster.proxy.routed.length;
    const result = await client.callTool({
      name: 'test_input_required_result_multi_round',
      arguments: {},
    });
    expect((result.content as { text: string }[])[0].text).toBe(
      'Completed both rounds: step1=accept, step2=accept',
    );
    const rounds = cluster.proxy.routed
      .slice(from)
      .filter((r) => r.body.includes('test_input_required_result_multi_round'));
    expect(rounds.length).toBe(3);
    expect(new Set(rounds.map((r) => r.upstream)).size).toBe(2);
  });

  it('subscriptions/listen hears resource updates produced on the other replica', async () => {
    const client = await connect();
    const updated: string[] = [];
    client.setNotificationHandler('notifications/resources/updated', (n) => {
      updated.push(n.params.uri);
    });
    const subscription = await client.listen({ resourceSubscriptions: [WATCHED] });
    const listen = cluster.proxy.routed.findLast((r) => r.body.includes('subscriptions/listen'))!;
    const from = cluster.proxy.routed.length;
    for (let i = 0; i < 2; i++)
      await client.callTool({ name: 'touch_watched_resource', arguments: {} });
    const touches = cluster.proxy.routed
      .slice(from)
      .filter((r) => r.body.includes('touch_watched_resource'));
    expect(touches.some((t) => t.upstream !== listen.upstream)).toBe(true);
    await waitUntil(() => updated.length >= 2, 'two updates', 5_000);
    expect(new Set(updated)).toEqual(new Set([WATCHED]));
    await subscription.close();
  });

  describe('tasks created on one replica, read, cancelled and answered through the other', () => {
    const capabilities = { extensions: { 'io.modelcontextprotocol/tasks': {} } };

    async function post(method: string, params: Record<string, unknown>): Promise<Wire> {
      const name =
        method === 'tools/call' ? String(params.name) : (params.taskId as string | undefined);
      const meta = { 'io.modelcontextprotocol/clientCapabilities': capabilities };
      const res = await fetch(cluster.url, {
        method: 'POST',
        headers: statelessHeaders(method, name),
        body: JSON.stringify(statelessMessage(method, params, { meta })),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as Wire).result as Wire;
    }

    it('completes and is fetched from any replica', async () => {
      const from = cluster.proxy.routed.length;
      const created = await post('tools/call', {
        name: 'slow_compute',
        arguments: { seconds: 0.3, label: 'shared' },
      });
      expect(created.status).toBe('working');
      let task = created;
      for (let i = 0; i < 100 && task.status === 'working'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        task = await post('tasks/get', { taskId: created.taskId });
      }
      expect(task.status).toBe('completed');
      expect(task.result.content).toEqual([{ type: 'text', text: 'shared: done after 0.3 s' }]);
      const served = cluster.proxy.routed.slice(from).map((r) => r.upstream);
      expect(new Set(served).size).toBe(2);
    });

    it('is cancelled through the other replica', async () => {
      const created = await post('tools/call', {
        name: 'slow_compute',
        arguments: { seconds: 30 },
      });
      const createdOn = cluster.proxy.routed.at(-1)!.upstream;
      await post('tasks/cancel', { taskId: created.taskId });
      expect(cluster.proxy.routed.at(-1)!.upstream).not.toBe(createdOn);
      const a = await post('tasks/get', { taskId: created.taskId });
      const b = await post('tasks/get', { taskId: created.taskId });
      expect([a.status, b.status]).toEqual(['cancelled', 'cancelled']);
    });
  });
});
