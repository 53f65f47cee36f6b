import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/demo-app-at-port.js';
import {
  ensureExamplesBuilt,
  examplePath,
  startExample,
  type ExampleProcess,
} from '../support/example-process.js';

const run = promisify(execFile);

describe('examples/signed-agent', () => {
  const keys = mkdtempSync(join(tmpdir(), 'nest-mcp-signed-agent-'));
  let server: ExampleProcess;
  let url: string;

  beforeAll(async () => {
    ensureExamplesBuilt(
      'signed-agent/keygen.js',
      'signed-agent/server.js',
      'signed-agent/agent.js',
    );
    await run(process.execPath, [examplePath('signed-agent/keygen.js'), '--dir', keys]);
    const port = await freePort();
    server = await startExample('signed-agent/server.js', /MCP endpoint: (\S+)/, {
      PORT: String(port),
      MCP_AGENT_KEYS: join(keys, 'agent-keys.json'),
    });
    url = server.ready[1];
  }, 120_000);
  afterAll(() => {
    server?.stop();
    rmSync(keys, { recursive: true, force: true });
  });

  it('keygen writes the public JWK for the server and a private file only its owner reads', () => {
    const { keys: entries } = JSON.parse(readFileSync(join(keys, 'agent-keys.json'), 'utf8')) as {
      keys: { keyid: string; principal: string; publicKeyJwk: { d?: string; x: string } }[];
    };
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ keyid: 'notes-bot.2026-11', principal: 'notes-bot' });
    expect(entries[0].publicKeyJwk.d).toBeUndefined();
    const privateFile = join(keys, 'notes-bot.2026-11.private.json');
    expect(statSync(privateFile).mode & 0o777).toBe(0o600);
  });

  it('the agent (nest-mcp/agent + the official client) lists, writes and reads as itself', async () => {
    const { stdout } = await run(process.execPath, [
      examplePath('signed-agent/agent.js'),
      join(keys, 'notes-bot.2026-11.private.json'),
      url,
      'signed hello',
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('tools: notes_add, notes_list');
    expect(lines[1]).toContain('Noted (1 in all), notes-bot.');
    expect(lines[2]).toContain('{\\"text\\":\\"signed hello\\",\\"by\\":\\"notes-bot\\"}');
  });

  it('an unsigned client sees only the public tool and cannot write', async () => {
    const client = new Client({ name: 'anonymous', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['notes_list']);
    await expect(
      client.callTool({ name: 'notes_add', arguments: { text: 'sneaky' } }),
    ).rejects.toThrow(/401|invalid_signature|Unauthorized/i);
    await client.close();
  });
});
