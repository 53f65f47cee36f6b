import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureExamplesBuilt } from '../support/example-process.js';
import { ReplicaCluster } from '../support/scale/replica-cluster.js';

const text = (result: unknown): string =>
  (result as { content: { text: string }[] }).content[0]?.text ?? '';

describe('examples/redis-replicas', () => {
  let cluster: ReplicaCluster;

  beforeAll(async () => {
    ensureExamplesBuilt('redis-replicas/main.js');
    // A redis-server on a free port, two replicas sharing it and one state secret
    // (MCP_REDIS_URL, MCP_STATE_SECRET, MCP_PUBLIC_URL = the balancer), round robin in front.
    cluster = await ReplicaCluster.start(2, { app: 'redis-replicas' });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('the v1 client initializes on one replica and its session goes on across both', async () => {
    const client = new Client({ name: 'examples-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(cluster.url));
    await client.connect(transport);
    try {
      const sessionId = transport.sessionId;
      expect(sessionId).toBeTruthy();
      const initialize = cluster.proxy.routed.filter((r) => r.body.includes('"initialize"'));
      expect(initialize).toHaveLength(1);

      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['greet']);
      const answers: string[] = [];
      for (let i = 0; i < 4; i++)
        answers.push(text(await client.callTool({ name: 'greet', arguments: { name: 'Ada' } })));
      const ports = cluster.replicas.map((replica) => replica.port);
      for (const port of ports)
        expect(answers).toContain(`Hello, Ada, from the replica on port ${port}.`);

      // Same session throughout, served by both replicas; none was refused.
      expect(transport.sessionId).toBe(sessionId);
      const mine = cluster.proxy.routed.filter((r) => r.sessionId === sessionId);
      expect(new Set(mine.map((r) => r.upstream))).toEqual(new Set([0, 1]));
      expect(mine.some((r) => r.upstream !== initialize[0].upstream)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
