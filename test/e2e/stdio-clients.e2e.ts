import { Client as V2Client } from '@modelcontextprotocol/client';
import { StdioClientTransport as V2StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject, REPO_ROOT, STDIO_DEMO } from '../support/stdio-child.js';

function text(result: Record<string, unknown>): string {
  const block = (result.content as { type: string; text?: string }[])[0];
  expect(block.type).toBe('text');
  return block.text ?? '';
}

/** Collects a piped stderr so the server's logs stay out of the test output but can be asserted. */
function capture(stream: Readable | null): () => string {
  let collected = '';
  stream?.on('data', (chunk: Buffer) => (collected += chunk.toString('utf8')));
  return () => collected;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const TUTOR_TOOLS = ['check_conjugation', 'conjugate', 'lookup_irregular_verb', 'lookup_spanish'];

beforeAll(() => buildProject());

describe('stdio demo with the v1 SDK client (session era)', () => {
  let client: V1Client;
  let transport: V1StdioClientTransport;
  let stderr: () => string;

  beforeAll(async () => {
    transport = new V1StdioClientTransport({
      command: process.execPath,
      args: [STDIO_DEMO],
      cwd: REPO_ROOT,
      stderr: 'pipe',
    });
    stderr = capture(transport.stderr as Readable | null);
    client = new V1Client({ name: 'v1-stdio-e2e', version: '1.0.0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
  });

  it('initializes and lists the demo tools', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'nest-mcp-demo', version: '0.1.0' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(TUTOR_TOOLS));
  });

  it('calls conjugate and lookup_spanish', async () => {
    const conjugated = await client.callTool({
      name: 'conjugate',
      arguments: { verb: 'eat', tense: 'past_simple', person: '3sg' },
    });
    expect(conjugated.isError).toBeFalsy();
    expect(text(conjugated)).toBe('ate');
    const spanish = await client.callTool({ name: 'lookup_spanish', arguments: { word: 'ate' } });
    expect(spanish.isError).toBeFalsy();
    expect(text(spanish)).toContain('comió');
  });

  it('reads a resource and answers ping', async () => {
    const { contents } = await client.readResource({ uri: 'tutor://tenses' });
    expect((contents[0] as { text: string }).text).toContain('she ate');
    await expect(client.ping()).resolves.toBeDefined();
  });

  it('exits on EOF: close() returns before the SDK would escalate to SIGTERM (2 s)', async () => {
    const pid = transport.pid!;
    expect(isAlive(pid)).toBe(true);
    const started = Date.now();
    await client.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect.poll(() => isAlive(pid), { timeout: 2_000 }).toBe(false);
    expect(stderr()).toContain('serving MCP over stdio');
    expect(stderr()).not.toContain('ERROR');
  });
});

describe('stdio demo with the v2 client pinned to 2026-07-28 (stateless era)', () => {
  let client: V2Client;
  let transport: V2StdioClientTransport;
  /** Requests and notifications the client wrote to this transport (its probe uses a sibling process). */
  const sent: { method: string; params?: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    transport = new V2StdioClientTransport({
      command: process.execPath,
      args: [STDIO_DEMO],
      cwd: REPO_ROOT,
      stderr: 'pipe',
    });
    capture(transport.stderr as Readable | null);
    // Observe what the client writes, without changing it.
    const send = transport.send.bind(transport);
    transport.send = async (message) => {
      if ('method' in message) sent.push(message);
      return send(message);
    };
    client = new V2Client(
      { name: 'v2-stdio-e2e', version: '2.0.0' },
      { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
  });

  it('negotiates 2026-07-28 through server/discover, never initialize', () => {
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(client.getServerVersion()).toMatchObject({ name: 'nest-mcp-demo', version: '0.1.0' });
    // pin mode fails to connect unless server/discover offered 2026-07-28.
    expect(sent.map((m) => m.method)).not.toContain('initialize');
  });

  it('lists the demo tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(TUTOR_TOOLS));
  });

  it('calls conjugate and lookup_spanish', async () => {
    const conjugated = await client.callTool({
      name: 'conjugate',
      arguments: { verb: 'eat', tense: 'past_simple', person: '3sg' },
    });
    expect(conjugated.isError).toBeFalsy();
    expect(text(conjugated)).toBe('ate');
    const spanish = await client.callTool({ name: 'lookup_spanish', arguments: { word: 'ate' } });
    expect(spanish.isError).toBeFalsy();
    expect(text(spanish)).toContain('comió');
    const calls = sent.filter((m) => m.method === 'tools/call');
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.params?._meta).toMatchObject({
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      });
    }
  });
});
