import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureExamplesBuilt,
  startExample,
  type ExampleProcess,
} from '../support/example-process.js';
import { REPO_ROOT } from '../support/stdio-child.js';

describe('examples/minimal', () => {
  let example: ExampleProcess;
  let client: Client;

  beforeAll(async () => {
    ensureExamplesBuilt('minimal/main.js');
    example = await startExample('minimal/main.js', /MCP endpoint: (\S+)/, { PORT: '0' });
    client = new Client({ name: 'examples-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(example.ready[1])));
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    example?.stop();
  });

  it('stays under 30 lines', () => {
    const source = readFileSync(resolve(REPO_ROOT, 'examples/minimal/main.ts'), 'utf8');
    expect(source.trimEnd().split('\n').length).toBeLessThan(30);
  });

  it('lists its one tool and answers it', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['shout']);
    const result = await client.callTool({ name: 'shout', arguments: { text: 'hello' } });
    expect(result.content).toEqual([{ type: 'text', text: 'HELLO!' }]);
  });

  it('enforces the DTO', async () => {
    const result = await client.callTool({ name: 'shout', arguments: { text: 42 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/text must be a string/);
  });
});
