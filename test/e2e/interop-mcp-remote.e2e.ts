import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_TOOLS, startDemoApp, type RunningApp } from '../support/demo-app.js';
import { CONJUGATE_CALL, LOOKUP_SPANISH_CALL, onlyText, TUTOR_TOOLS } from '../support/interop.js';
import { mcpRemoteServer } from '../support/mcp-remote.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// `legacy` passes the client's initialize straight through (a session); `auto` probes with
// server/discover and, finding 2026-07-28, bridges every request into the stateless era.
describe.each([
  ['express', 'legacy'],
  ['express', 'auto'],
  ['fastify', 'legacy'],
  ['fastify', 'auto'],
] as const)(
  'interop: v1 stdio client → mcp-remote → /mcp on %s (--protocol %s)',
  (adapter, mode) => {
    let demo: RunningApp;
    let configDir: string;
    let transport: StdioClientTransport;
    let client: Client;
    let stderr = '';

    beforeAll(async () => {
      demo = await startDemoApp({ adapter });
      configDir = mkdtempSync(join(tmpdir(), 'nest-mcp-remote-'));
      transport = new StdioClientTransport(
        mcpRemoteServer(demo.url, configDir, ['--protocol', mode]),
      );
      // Its progress log goes to stderr; kept for the assertions, out of the test output.
      (transport.stderr as Readable | null)?.on(
        'data',
        (chunk: Buffer) => (stderr += chunk.toString('utf8')),
      );
      client = new Client({ name: 'interop-mcp-remote', version: '1.0.0' });
      await client.connect(transport);
    });

    afterAll(async () => {
      await client?.close();
      await demo?.close();
      if (configDir) rmSync(configDir, { recursive: true, force: true });
    });

    it('connects over Streamable HTTP without any authorization step', () => {
      expect(client.getServerVersion()).toMatchObject({ name: 'nest-mcp-demo', version: '0.1.0' });
      expect(stderr).toContain('Connected to remote server using StreamableHTTPClientTransport');
      expect(stderr).not.toContain('Authentication required');
      const bridged = stderr.includes('Remote server speaks MCP 2026-07-28');
      expect(bridged).toBe(mode === 'auto');
    });

    it('lists the demo tools', async () => {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name).sort();
      expect(names).toEqual(expect.arrayContaining(TUTOR_TOOLS));
      expect(names).toEqual(DEMO_PUBLIC_TOOLS);
    });

    it('conjugate: eat, past_simple, 3sg → "ate"', async () => {
      expect(onlyText(await client.callTool(CONJUGATE_CALL.params))).toBe(CONJUGATE_CALL.expected);
    });

    it('lookup_spanish: ate → "comió"', async () => {
      expect(onlyText(await client.callTool(LOOKUP_SPANISH_CALL.params))).toBe(
        LOOKUP_SPANISH_CALL.expected,
      );
    });

    it('stores no tokens, and the proxy exits when the client closes', async () => {
      // No OAuth happened, so no client registration or token file was written.
      const files = readdirSync(configDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
      expect(files.filter((name) => /tokens|client_info/.test(name))).toEqual([]);
      const pid = transport.pid!;
      expect(isAlive(pid)).toBe(true);
      await client.close();
      await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
    });
  },
);
