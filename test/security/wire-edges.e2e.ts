import { Module } from '@nestjs/common';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpModule } from '../../src/mcp/index.js';
import { FixtureTasksTools } from '../fixture/fixture-tasks.tools.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { call, open } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { socketExchange } from '../support/wire/socket.client.js';
import { ACCEPT_BOTH, JSON_POST_HEADERS } from '../support/wire/wire.constants.js';

/** The library's defaults: nothing hardened by the test. */
@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'wire-edges', version: '1.0.0' } })],
  providers: [FixtureTasksTools],
})
class DefaultsModule {}

/** `[[[…]]]` of `bytes` bytes: the cheapest body that makes JSON.parse work hardest. */
const nested = (bytes: number): Buffer => {
  const half = Math.floor(bytes / 2);
  return Buffer.concat([Buffer.alloc(half, '['), Buffer.alloc(half, ']')]);
};

describe.each(['express', 'fastify'] as const)('I. Wire edges on the defaults (%s)', (adapter) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(DefaultsModule, { adapter });
  });
  afterAll(() => app?.close());

  it('I12 a 3.8 MiB nested body is refused (413) and a 0.9 MiB one (400) at a cost far below a real call; another client’s ping is unaffected', async () => {
    const big = await call(app.url, { headers: JSON_POST_HEADERS, body: nested(3.8 * 2 ** 20) });
    expect(big.status).toBe(413);
    const sessionId = await openSession(app.url);
    const pingTimes: number[] = [];
    const ping = async (): Promise<void> => {
      const started = performance.now();
      const res = await call(app.url, {
        headers: { ...JSON_POST_HEADERS, 'mcp-session-id': sessionId },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
      expect(res.status).toBe(200);
      pingTimes.push(performance.now() - started);
    };
    const hostile = nested(0.9 * 2 ** 20);
    const refusals: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      const [res] = await Promise.all([
        call(app.url, { headers: JSON_POST_HEADERS, body: hostile }),
        ping(),
      ]);
      refusals.push(performance.now() - started);
      expect(res.status).toBe(400);
      expect(res.json().error.code).toBe(-32600);
    }
    // Both include loopback transfer of 0.9 MiB; JSON.parse of it alone took ~400 ms before.
    expect(Math.min(...refusals)).toBeLessThan(150);
    expect(Math.min(...pingTimes)).toBeLessThan(150);
  });

  it('I13 a body over the cap sent with Node fetch (declared or chunked): the client reads the 413, never EPIPE', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const bodies = [
      () => Buffer.alloc(5 * 2 ** 20, 0x20),
      () => Buffer.alloc(40 * 2 ** 20, 0x20),
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < 600; i++) controller.enqueue(chunk);
            controller.close();
          },
        }),
    ];
    for (const body of bodies) {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: JSON_POST_HEADERS,
        body: body(),
        duplex: 'half',
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32000);
    }
    // node:http too.
    for (const size of [2, 40]) {
      const res = await call(app.url, {
        headers: JSON_POST_HEADERS,
        body: Buffer.alloc(size * 2 ** 20, 0x20),
      });
      expect(res.status).toBe(413);
    }
  });

  it('I14 /health, /health/ready, /mcp/health and /metrics refuse a foreign Host like /mcp', async () => {
    for (const path of ['/health', '/health/ready', '/mcp/health', '/metrics']) {
      const good = await call(`${app.origin}${path}`, { method: 'GET' });
      expect({ path, status: good.status }).not.toEqual({ path, status: 403 });
      const evil = await call(`${app.origin}${path}`, {
        method: 'GET',
        headers: { host: 'evil.example' },
      });
      expect({ path, status: evil.status }).toEqual({ path, status: 403 });
    }
  });

  it('I15 HEAD, PATCH, TRACE, PUT on /mcp, /sse, /messages → 405 with Allow; HEAD /sse opens nothing', async () => {
    for (const path of ['/mcp', '/sse', '/messages']) {
      for (const method of ['HEAD', 'PATCH', 'TRACE', 'PUT']) {
        const res = await call(`${app.origin}${path}`, {
          method,
          headers: { accept: ACCEPT_BOTH },
        });
        expect({ path, method, status: res.status }).toEqual({ path, method, status: 405 });
        expect(res.headers.allow).toMatch(/POST|GET/);
      }
    }
  });

  it('I16 POST /mcp#x, /%6Dcp and /mcp;x answer 4xx, never 500', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    for (const target of ['/mcp#x', '/%6Dcp', '/mcp;x']) {
      const res = await socketExchange(
        app.port,
        `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nContent-Type: application/json\r\n` +
          `Accept: ${ACCEPT_BOTH}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      expect({ target, clientError: res.status >= 400 && res.status < 500 }).toEqual({
        target,
        clientError: true,
      });
    }
  });

  it('I17 POST /messages with Content-Encoding: gzip → 415, as on /mcp', async () => {
    const sse = await open(`${app.origin}/sse`, {
      method: 'GET',
      headers: { accept: 'text/event-stream' },
    });
    const endpoint = await new Promise<string>((resolve) => {
      let text = '';
      sse.res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /data: (\S+)/.exec(text);
        if (match) resolve(match[1]);
      });
    });
    const res = await call(`${app.origin}${endpoint}`, {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })),
    });
    sse.abort();
    expect(res.status).toBe(415);
  });
});
