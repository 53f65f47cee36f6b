import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSUMER_AGENT,
  CONSUMER_MAIN,
  consumerTsconfig,
  installedVersion,
  npmInstall,
  writeTree,
} from '../support/consumer-app.js';
import { freePort } from '../support/demo-app-at-port.js';
import { packedPackage } from '../support/packed-package.js';
import { waitUntil } from '../support/wait-until.js';

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const RESOLUTIONS = ['nodenext', 'bundler'] as const;
const PEERS = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/platform-express',
  'reflect-metadata',
  'rxjs',
  'class-validator',
  'class-transformer',
];
const pinned = (names: string[]) =>
  Object.fromEntries(names.map((name) => [name, installedVersion(name)]));

/**
 * The tarball as a user gets it: installed with npm into a fresh Nest app in a temp folder
 * (outside the repository, so nothing resolves to the project's own node_modules), compiled
 * by the user's TypeScript under both module resolutions, booted, and called by a real client.
 * Beside it, a folder with nothing but the tarball runs an agent on `nest-mcp/agent`.
 */
describe('the packed tarball in a fresh Nest app', () => {
  const work = mkdtempSync(join(tmpdir(), 'nest-mcp-consumer-'));
  const app = join(work, 'app');
  const agentOnly = join(work, 'agent-only');
  const secret = randomBytes(32).toString('base64url');
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    const { tarball } = packedPackage();
    writeTree(app, {
      'package.json': JSON.stringify({
        name: 'consumer-app',
        private: true,
        type: 'module',
        dependencies: { 'nest-mcp': `file:${tarball}`, ...pinned(PEERS) },
        devDependencies: pinned(['@types/node']),
      }),
      'src/main.ts': CONSUMER_MAIN,
      'src/agent.ts': CONSUMER_AGENT,
      ...Object.fromEntries(
        RESOLUTIONS.map((resolution) => [
          `tsconfig.${resolution}.json`,
          consumerTsconfig(resolution),
        ]),
      ),
    });
    writeTree(agentOnly, {
      'package.json': JSON.stringify({
        name: 'agent-only',
        private: true,
        type: 'module',
        dependencies: { 'nest-mcp': `file:${tarball}` },
      }),
    });
    // Peers are not installed for the agent: that folder has no Nest at all.
    await Promise.all([npmInstall(app), npmInstall(agentOnly, ['--legacy-peer-deps'])]);
  }, 240_000);

  afterAll(() => {
    for (const server of servers) server.kill();
    rmSync(work, { recursive: true, force: true });
  });

  describe.each(RESOLUTIONS)('moduleResolution %s', (resolution) => {
    let url: string;

    beforeAll(async () => {
      await run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: app });
      const port = await freePort();
      url = `http://127.0.0.1:${port}/mcp`;
      const server = spawn(process.execPath, [`dist-${resolution}/main.js`], {
        cwd: app,
        env: { ...process.env, PORT: String(port), AGENT_SECRET: secret },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      servers.push(server);
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitUntil(
        () => output.includes('listening') || server.exitCode !== null,
        'the consumer app to listen',
        20_000,
      );
      expect(output).toContain('listening');
    }, 120_000);

    it('compiles, boots, and answers a tool call from the official client', async () => {
      const client = new Client({ name: 'consumer-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['greet']);
      expect(tools[0].inputSchema).toMatchObject({
        properties: { name: { type: 'string', maxLength: 40 } },
        required: ['name'],
      });
      const result = await client.callTool({ name: 'greet', arguments: { name: 'Ada' } });
      expect(result.content).toEqual([{ type: 'text', text: 'Hello, Ada!' }]);
      await client.close();
    });

    it('nest-mcp/agent signs a call from a folder where Nest is not installed', async () => {
      copyFileSync(join(app, `dist-${resolution}/agent.js`), join(agentOnly, 'agent.js'));
      const { stdout } = await run(process.execPath, ['agent.js', url, secret], {
        cwd: agentOnly,
      });
      const { status, body } = JSON.parse(stdout) as {
        status: number;
        body: { result: { content: { text: string }[] } };
      };
      expect(status).toBe(200);
      expect(JSON.parse(body.result.content[0].text)).toEqual({ principal: 'consumer-agent' });
    });
  });

  it('the agent-only folder really has no Nest: the server entry cannot load there', async () => {
    expect(existsSync(join(agentOnly, 'node_modules/nest-mcp/package.json'))).toBe(true);
    expect(existsSync(join(agentOnly, 'node_modules/@nestjs'))).toBe(false);
    const attempt = run(
      process.execPath,
      ['--input-type=module', '-e', "await import('nest-mcp')"],
      {
        cwd: agentOnly,
      },
    );
    await expect(attempt).rejects.toThrow(/Cannot find package '@nestjs\/common'/);
  });
});
