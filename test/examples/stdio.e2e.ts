import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureExamplesBuilt, examplePath } from '../support/example-process.js';
import { killInspectorRuns, runInspectorCli } from '../support/inspector-cli.js';
import { REPO_ROOT } from '../support/stdio-child.js';

const CLIENTS = resolve(REPO_ROOT, 'examples/stdio/clients');
const PLACEHOLDER = '/absolute/path/to/nest-mcp';

interface ServerEntry {
  type?: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** The one server entry of a client configuration file, and the key that holds it. */
function serverEntry(file: string): { key: string; entry: ServerEntry } {
  const config = JSON.parse(readFileSync(resolve(CLIENTS, file), 'utf8')) as Record<
    string,
    Record<string, ServerEntry>
  >;
  const [key] = Object.keys(config);
  return { key, entry: config[key]['world-clock'] };
}

/** What the client does with the entry: paths filled in, `node` found on PATH. */
function asLaunched(entry: ServerEntry): { command: string; args: string[] } {
  const args = entry.args.map((arg) =>
    arg.replace(PLACEHOLDER, REPO_ROOT).replace('${workspaceFolder}', REPO_ROOT),
  );
  return { command: entry.command === 'node' ? process.execPath : entry.command, args };
}

describe('examples/stdio', () => {
  beforeAll(() => ensureExamplesBuilt('stdio/main.js'), 120_000);
  afterAll(() => killInspectorRuns());

  it('the README shows the three client files as they are', () => {
    const readme = readFileSync(resolve(REPO_ROOT, 'examples/stdio/README.md'), 'utf8');
    for (const file of ['claude_desktop_config.json', 'vscode-mcp.json', 'cursor-mcp.json'])
      expect(readme).toContain(readFileSync(resolve(CLIENTS, file), 'utf8').trim());
  });

  it.each([
    ['claude_desktop_config.json', 'mcpServers'],
    ['vscode-mcp.json', 'servers'],
    ['cursor-mcp.json', 'mcpServers'],
  ])('started as %s says, it answers the SDK stdio client', async (file, expectedKey) => {
    const { key, entry } = serverEntry(file);
    expect(key).toBe(expectedKey);
    const launched = asLaunched(entry);
    expect(launched.args).toEqual([examplePath('stdio/main.js')]);
    const transport = new StdioClientTransport({ ...launched, env: entry.env, stderr: 'pipe' });
    const client = new Client({ name: 'desktop-like', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['time_in_zone']);
      const result = await client.callTool({
        name: 'time_in_zone',
        arguments: { at: '2026-01-01T12:00:00Z', zone: 'Asia/Tokyo' },
      });
      expect(result.content).toEqual([{ type: 'text', text: '2026-01-01 21:00 in Asia/Tokyo' }]);
      const prompt = await client.getPrompt({
        name: 'plan_call',
        arguments: { here: 'Europe/Madrid', there: 'America/Lima' },
      });
      expect(JSON.stringify(prompt.messages)).toContain('Europe/Madrid and America/Lima');
    } finally {
      await client.close();
    }
  });

  it('answers the Inspector CLI, refusing an unknown time zone as a tool error', async () => {
    const run = await runInspectorCli(
      [
        process.execPath,
        examplePath('stdio/main.js'),
        '--method',
        'tools/call',
        '--tool-name',
        'time_in_zone',
        '--tool-arg',
        'zone=Mars/Olympus',
      ],
      25_000,
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toMatch(/zone must be a valid IANA time-zone/);
  }, 30_000);
});
