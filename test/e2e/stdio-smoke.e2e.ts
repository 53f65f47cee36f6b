import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildProject,
  contentLengthFrame,
  parseContentLengthFrames,
  parseNdjson,
  StdioChild,
  STDIO_DEMO,
  type JsonObject,
} from '../support/stdio-child.js';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'lab-smoke', version: '1.0.0' },
  },
};
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' };

function callTool(id: number, name: string, args: JsonObject): JsonObject {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}

function resultText(message: JsonObject | undefined): string {
  return (message?.result?.content as { text: string }[]).map((block) => block.text).join('');
}

describe('stdio demo: the lab smoke and framing edge cases (built demo, spawned)', () => {
  beforeAll(() => buildProject());

  it('lab smoke: Content-Length initialize, initialized, tools/list, two calls, EOF', async () => {
    const child = new StdioChild(process.execPath, [STDIO_DEMO]);
    for (const message of [
      INITIALIZE,
      INITIALIZED,
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      callTool(3, 'conjugate', { verb: 'eat', tense: 'past_simple', person: '3sg' }),
      callTool(4, 'lookup_spanish', { word: 'ate' }),
    ]) {
      child.write(contentLengthFrame(message));
    }
    child.process.stdin.end();
    const { code } = await child.exited;

    const frames = parseContentLengthFrames(child.stdout);
    expect(frames).toHaveLength(4);
    for (const frame of frames)
      expect(frame.declaredLength).toBe(Buffer.byteLength(frame.body.toString('utf8'), 'utf8'));
    const byId = new Map(frames.map((f) => [f.message.id as number, f.message]));
    expect([...byId.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(byId.get(1)?.result).toMatchObject({
      protocolVersion: '2025-06-18',
      serverInfo: { name: 'nest-mcp-demo' },
    });
    expect((byId.get(2)?.result?.tools as { name: string }[]).map((t) => t.name)).toContain(
      'conjugate',
    );
    expect(resultText(byId.get(3))).toContain('ate');
    expect(resultText(byId.get(4))).toContain('comió');
    // "comió" makes byte and UTF-16 lengths differ: the header must count bytes.
    const spanish = frames.find((f) => f.message.id === 4)!;
    expect(spanish.declaredLength).toBeGreaterThan(JSON.stringify(spanish.message).length);
    expect(child.stderr).not.toContain('ERROR');
    expect(code).toBe(0);
  });

  it('ndjson: answers in ndjson, survives a raw newline inside a message, CRLF and a split emoji', async () => {
    const child = new StdioChild(process.execPath, [STDIO_DEMO]);
    // CRLF line endings (H2).
    child.write(`${JSON.stringify(INITIALIZE)}\r\n${JSON.stringify(INITIALIZED)}\r\n`);
    // A raw newline inside the JSON's whitespace splits it into two bad lines (H1).
    child.write('{"jsonrpc":"2.0","id":5,\n"method":"ping"}\n');
    // A 4-byte character split across two writes (H3), and U+2028 that must come back escaped (H4).
    const line = Buffer.from(
      `${JSON.stringify(callTool(6, 'lookup_spanish', { word: 'x😀\u2028y' }))}\n`,
      'utf8',
    );
    const cut = line.indexOf(Buffer.from('😀', 'utf8')) + 2;
    child.write(line.subarray(0, cut));
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.write(line.subarray(cut));
    child.write(
      `${JSON.stringify(callTool(7, 'conjugate', { verb: 'go', tense: 'present_perfect', person: '3sg' }))}\n`,
    );
    child.process.stdin.end();
    const { code } = await child.exited;

    const raw = child.stdout.toString('utf8');
    expect(raw).not.toMatch(/[\u2028\u2029\u0085]/);
    const messages = parseNdjson(child.stdout);
    const parseErrors = messages.filter((m) => m.error?.code === -32700);
    expect(parseErrors).toHaveLength(2);
    for (const error of parseErrors) expect(error.id).toBeNull();
    expect(messages.find((m) => m.id === 1)?.result).toMatchObject({
      protocolVersion: '2025-06-18',
    });
    const lookup = messages.find((m) => m.id === 6);
    expect(lookup?.result?.isError).toBe(true);
    expect(resultText(lookup)).toContain('x😀\u2028y');
    expect(resultText(messages.find((m) => m.id === 7))).toBe('has gone');
    expect(code).toBe(0);
  });

  it('Content-Length errors: bad lengths are rejected and the stream resynchronises', async () => {
    const child = new StdioChild(process.execPath, [STDIO_DEMO]);
    child.write(contentLengthFrame(INITIALIZE));
    const ping = '{"jsonrpc":"2.0","id":8,"method":"ping"}';
    // H6: a signed length, and one in hex.
    child.write(`Content-Length: +${ping.length}\r\n\r\n${ping}`);
    child.write(`Content-Length: 0x10\r\n\r\n`);
    child.write(contentLengthFrame({ jsonrpc: '2.0', id: 9, method: 'ping' }));
    // A request with an unknown method still gets its id back.
    child.write(contentLengthFrame({ jsonrpc: '2.0', id: 10, method: 'no/such/method' }));
    child.process.stdin.end();
    const { code } = await child.exited;

    const messages = parseContentLengthFrames(child.stdout).map((f) => f.message);
    expect(messages.find((m) => m.id === 9)?.result).toEqual({});
    expect(
      messages.filter((m) => m.id === null && m.error?.code === -32700).length,
    ).toBeGreaterThanOrEqual(2);
    expect(messages.find((m) => m.id === 10)?.error?.code).toBe(-32601);
    expect(messages.some((m) => m.id === 8 && 'result' in m)).toBe(false);
    expect(code).toBe(0);
  });

  it('a stateless-era client over raw ndjson: server/discover, then an enveloped call', async () => {
    const child = new StdioChild(process.execPath, [STDIO_DEMO]);
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    child.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 'd', method: 'server/discover', params: { _meta: meta } })}\n`,
    );
    const call = callTool(2, 'conjugate', { verb: 'eat', tense: 'past_simple', person: '3sg' });
    child.write(`${JSON.stringify({ ...call, params: { ...call.params, _meta: meta } })}\n`);
    child.process.stdin.end();
    const { code } = await child.exited;
    const messages = parseNdjson(child.stdout);
    expect(messages.find((m) => m.id === 'd')?.result).toMatchObject({
      resultType: 'complete',
      supportedVersions: ['2026-07-28'],
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'nest-mcp-demo' } },
    });
    const result = messages.find((m) => m.id === 2);
    expect(result?.result?.resultType).toBe('complete');
    expect(resultText(result)).toBe('ate');
    expect(code).toBe(0);
  });
});
