import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ElicitRequestSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/wait-until.js';
import { ReplicaCluster } from '../support/scale/replica-cluster.js';
import { sseIdsTee } from '../support/scale/sse-ids.tee.js';

const WATCHED = 'test://watched-resource';

function connect(
  cluster: ReplicaCluster,
  fetchFn?: typeof fetch,
): { client: Client; transport: StreamableHTTPClientTransport } {
  const client = new Client(
    { name: 'replicas-v1', version: '1.0.0' },
    { capabilities: { elicitation: {} } },
  );
  const transport = new StreamableHTTPClientTransport(new URL(cluster.url), {
    fetch: fetchFn,
    reconnectionOptions: {
      maxRetries: 5,
      initialReconnectionDelay: 300,
      maxReconnectionDelay: 1_000,
      reconnectionDelayGrowFactor: 1.5,
    },
  });
  return { client, transport };
}

const text = (result: Awaited<ReturnType<Client['callTool']>>): string =>
  (result.content as { text: string }[])[0].text;

describe('three replicas on Redis behind a round-robin balancer: the v1 SDK client (session era)', () => {
  let cluster: ReplicaCluster;

  beforeAll(async () => {
    cluster = await ReplicaCluster.start(3);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('lists and calls, each request landing on another replica', async () => {
    const { client, transport } = connect(cluster);
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('test_simple_text');
      for (let i = 0; i < 3; i++)
        expect(text(await client.callTool({ name: 'test_simple_text', arguments: {} }))).toMatch(
          /simple text/i,
        );
      const mine = cluster.proxy.routed.filter((r) => r.sessionId === transport.sessionId);
      expect(new Set(mine.map((r) => r.upstream)).size).toBe(3);
    } finally {
      await client.close();
    }
  });

  it('answers an elicitation whose reply lands on another replica', async () => {
    const { client, transport } = connect(cluster);
    client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { username: 'ada', email: 'ada@example.com' },
    }));
    await client.connect(transport);
    try {
      for (let i = 0; i < 3; i++) {
        const result = await client.callTool({
          name: 'test_elicitation',
          arguments: { message: 'who?' },
        });
        expect(text(result)).toContain('"username":"ada"');
      }
      const mine = cluster.proxy.routed.filter((r) => r.sessionId === transport.sessionId);
      const calls = mine.filter((r) => r.body.includes('"test_elicitation"'));
      const replies = mine.filter((r) => r.body.includes('"action":"accept"'));
      expect(calls).toHaveLength(3);
      expect(replies).toHaveLength(3);
      // Round robin: at least one reply reached a replica other than the one waiting for it.
      expect(replies.some((reply, i) => reply.upstream !== calls[i].upstream)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('delivers resource updates made on other replicas to the GET stream; after a SIGKILL of its replica the stream resumes on a survivor with exactly the missed events', async () => {
    const tee = sseIdsTee();
    const { client, transport } = connect(cluster, tee.fetch);
    const updates: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updates.push(n.params.uri);
    });
    await client.connect(transport);
    try {
      await client.subscribeResource({ uri: WATCHED });
      await waitUntil(() => tee.getStreams > 0, 'the GET stream', 5_000);
      const get = cluster.proxy.routed.find(
        (r) => r.method === 'GET' && r.sessionId === transport.sessionId,
      )!;
      const before = updates.length;
      for (let i = 0; i < 3; i++)
        await client.callTool({ name: 'touch_watched_resource', arguments: {} });
      const touches = cluster.proxy.routed.filter(
        (r) => r.sessionId === transport.sessionId && r.body.includes('touch_watched_resource'),
      );
      expect(touches.some((t) => t.upstream !== get.upstream)).toBe(true);
      await waitUntil(() => updates.length >= before + 3, 'three updates', 5_000);

      await cluster.kill(get.upstream);
      const idsAtKill = tee.ids.length;
      // Updates keep coming from the survivors while the client reconnects.
      await client.callTool({ name: 'touch_watched_resource', arguments: {} });
      await waitUntil(
        () => cluster.proxy.routed.some((r) => r.method === 'GET' && r.lastEventId !== undefined),
        'a resumed GET stream',
        10_000,
      );
      await client.callTool({ name: 'touch_watched_resource', arguments: {} });
      await waitUntil(() => tee.ids.length >= idsAtKill + 2, 'events after the kill', 10_000);

      const resumed = cluster.proxy.routed.find(
        (r) => r.method === 'GET' && r.lastEventId !== undefined,
      )!;
      expect(resumed.upstream).not.toBe(get.upstream);
      // None lost, none twice: the GET stream's event ids are consecutive across the kill.
      const seqs = tee.ids.filter((id) => id.startsWith('g.')).map((id) => Number(id.slice(2)));
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1] + 1);
      await waitUntil(() => updates.length === seqs.length, 'one notification per event');
      // The session goes on through the survivors.
      expect(text(await client.callTool({ name: 'test_simple_text', arguments: {} }))).toMatch(
        /simple text/i,
      );
    } finally {
      await client.close();
    }
  });

  it('ends a call whose server→client request was pending on a replica that died with a clear error', async () => {
    const { client, transport } = connect(cluster);
    client.setRequestHandler(ElicitRequestSchema, async () => {
      const call = cluster.proxy.routed.findLast(
        (r) => r.sessionId === transport.sessionId && r.body.includes('"test_elicitation"'),
      )!;
      await cluster.kill(call.upstream);
      return { action: 'accept', content: { username: 'ada', email: 'ada@example.com' } };
    });
    await client.connect(transport);
    try {
      const started = Date.now();
      await expect(
        client.callTool({ name: 'test_elicitation', arguments: { message: 'who?' } }),
      ).rejects.toThrow(/stopped before it finished/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await client.close();
    }
  });
});
