import {
  Client as ClientV2,
  StreamableHTTPClientTransport as HttpV2,
} from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureExamplesBuilt,
  startExample,
  type ExampleProcess,
} from '../support/example-process.js';

describe('examples/fastify', () => {
  let example: ExampleProcess;
  let url: URL;

  beforeAll(async () => {
    ensureExamplesBuilt('fastify/main.js');
    example = await startExample('fastify/main.js', /MCP endpoint: (\S+)/, { PORT: '0' });
    url = new URL(example.ready[1]);
  }, 120_000);
  afterAll(() => example?.stop());

  it('serves on Fastify (no Express "X-Powered-By" on its answers)', async () => {
    const health = await fetch(new URL('/health', url));
    expect(health.status).toBe(200);
    expect(health.headers.get('x-powered-by')).toBeNull();
  });

  it('v2 client pinned to 2026-07-28: rolls dice with progress, reads the resource', async () => {
    const client = new ClientV2(
      { name: 'examples-test', version: '2.0.0' },
      { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(new HttpV2(url));
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'roll', arguments: { dice: 3, sides: 6 } },
      { onprogress: (p: { progress: number }) => progress.push(p.progress) },
    );
    const [block] = result.content as { type: string; text: string }[];
    const match = /^([1-6]) \+ ([1-6]) \+ ([1-6]) = (\d+)$/.exec(block.text);
    expect(match, block.text).not.toBeNull();
    expect(Number(match![4])).toBe(Number(match![1]) + Number(match![2]) + Number(match![3]));
    expect(progress).toEqual([3]);
    const rules = await client.readResource({ uri: 'dice://rules' });
    expect(rules.contents[0]).toMatchObject({ uri: 'dice://rules', mimeType: 'text/plain' });
    await client.close();
  });

  it('v1 client (session era): refuses 21 dice with the DTO message', async () => {
    const client = new Client({ name: 'examples-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url));
    const result = await client.callTool({ name: 'roll', arguments: { dice: 21, sides: 6 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/dice must not be greater than 20/);
    await client.close();
  });
});
