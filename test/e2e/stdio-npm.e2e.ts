import { afterAll, describe, expect, it } from 'vitest';
import { descendants, parseNdjson, StdioChild } from '../support/stdio-child.js';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 'init',
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'npm-e2e', version: '1' },
  },
};

/** Enough tools/list answers (≈3 KB each) to overflow the stdout pipe many times over. */
const BATCH = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('npm run -s start:stdio (build, then serve the demo over stdio)', () => {
  let child: StdioChild | undefined;

  afterAll(() => {
    // Only if a failed assertion left it running: the server and its npm parents.
    if (child) for (const { pid } of descendants(child.process.pid!)) process.kill(pid, 'SIGKILL');
    child?.kill();
  });

  it('puts only JSON-RPC on stdout; SIGTERM with requests in flight still answers them and exits 0', async () => {
    child = new StdioChild('npm', ['run', '-s', 'start:stdio']);
    child.write(`${JSON.stringify(INITIALIZE)}\n`);
    // The build runs first; the answer to initialize means the server is up.
    await child.waitFor((out) => out.includes('"id":"init"'), 90_000);
    child.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);

    // The node process itself, not the `sh -c` running the script (its command line names the file too).
    const server = descendants(child.process.pid!).find((p) =>
      /^(\S*\/)?node dist\/src\/demo\/stdio\.js$/.test(p.cmdline),
    );
    expect(server, 'the node process serving stdio').toBeDefined();

    // Stop reading stdout: the server's answers back up behind a full pipe, i.e. stay in flight.
    child.process.stdout.pause();
    const requests = Array.from({ length: BATCH }, (_, i) =>
      JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/list' }),
    );
    child.write(`${requests.join('\n')}\n`);
    await sleep(2_000);
    const before = child.stdout.length;
    process.kill(server!.pid, 'SIGTERM');
    await sleep(300);
    child.process.stdout.resume();
    const { code, signal } = await child.exited;

    const messages = parseNdjson(child.stdout);
    expect(before).toBeLessThan(child.stdout.length);
    // Far more than a pipe (64 KiB) and the paused reader can hold: most answers were still
    // queued in the server when SIGTERM arrived.
    expect(child.stdout.length - before).toBeGreaterThan(8 * 64 * 1024);
    expect(messages[0]).toMatchObject({
      id: 'init',
      result: { serverInfo: { name: 'nest-mcp-demo' } },
    });
    const answered = messages.filter((m) => typeof m.id === 'number');
    expect(answered.map((m) => m.id as number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: BATCH }, (_, i) => i),
    );
    for (const message of answered) {
      expect((message.result.tools as { name: string }[]).map((t) => t.name)).toContain(
        'conjugate',
      );
    }
    expect(child.stderr).not.toContain('ERROR');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    child = undefined;
  }, 150_000);
});
