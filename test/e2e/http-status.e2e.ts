import { Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TutorModule } from '../../src/demo/tutor/tutor.module.js';
import { McpModule } from '../../src/mcp/index.js';
import { DEMO_PUBLIC_TOOLS, startApp, startDemoApp, type RunningApp } from '../support/demo-app.js';
import { call, open, type RawResponse, type Wire } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { initializeMessage, sessionHeaders } from '../support/wire/session.requests.js';
import { socketExchange } from '../support/wire/socket.client.js';
import {
  statelessHeaders,
  statelessMeta,
  statelessMessage,
} from '../support/wire/stateless.requests.js';
import { ACCEPT_BOTH, JSON_POST_HEADERS, SESSION_VERSION } from '../support/wire/wire.constants.js';
import { SseReader } from '../support/sse-reader.js';
import { StreamingAppModule } from '../support/streaming-app.module.js';

const MAX_BODY_BYTES = 1024 * 1024; // the demo runs with the default cap

const toolsList = (id: number | string = 1): string =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' });

/** A transport-level rejection: JSON-RPC error body with no id. */
function expectJsonRpcError(response: RawResponse, status: number, code: number): Wire {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(body.jsonrpc).toBe('2.0');
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body;
}

@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'prefixed', version: '1.0.0' } }), TutorModule],
})
class PrefixedAppModule {}

// Every status is checked on both HTTP adapters (as @nestjs/throttler runs its e2e suites).
describe.each(['express', 'fastify'] as const)('on %s', (adapter) => {
  describe('Streamable HTTP statuses against the demo', () => {
    let demo: RunningApp;
    let sessionId: string;

    beforeAll(async () => {
      // This suite sends far more than the demo's 120 anonymous requests a minute.
      demo = await startDemoApp({ adapter, env: { MCP_ANON_LIMIT: '100000' } });
      sessionId = await openSession(demo.url);
    });

    afterAll(async () => {
      await demo?.close();
    });

    const post = (
      body: string | Buffer,
      headers: Record<string, string | string[]> = sessionHeaders(sessionId),
    ): Promise<RawResponse> => call(demo.url, { headers, body });

    describe('200', () => {
      it('POST answered with a JSON body', async () => {
        const response = await post(toolsList(7));
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.headers['mcp-session-id']).toBe(sessionId);
        const body = response.json();
        expect(body).toMatchObject({ jsonrpc: '2.0', id: 7 });
        expect(body.result.tools).toHaveLength(DEMO_PUBLIC_TOOLS.length);
      });

      it('initialize issues a session id and answers the negotiated version', async () => {
        const response = await call(demo.url, {
          headers: JSON_POST_HEADERS,
          body: JSON.stringify(initializeMessage(1, '2025-06-18')),
        });
        expect(response.status).toBe(200);
        expect(response.headers['mcp-session-id']).toMatch(/^[\x21-\x7e]+$/);
        expect(response.json().result).toMatchObject({
          protocolVersion: '2025-06-18',
          serverInfo: { name: 'nest-mcp-demo' },
        });
      });
    });

    describe('202', () => {
      it('a notification is accepted with no body', async () => {
        const response = await post(
          JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
        );
        expect(response.status).toBe(202);
        expect(response.body.length).toBe(0);
      });

      it('a response message is accepted with no body', async () => {
        const response = await post(JSON.stringify({ jsonrpc: '2.0', id: 'srv-1', result: {} }));
        expect(response.status).toBe(202);
        expect(response.body.length).toBe(0);
      });

      it('a stateless-era notification is accepted with no body', async () => {
        const response = await post(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'notifications/progress',
            params: { _meta: statelessMeta(), progressToken: 1, progress: 1 },
          }),
          statelessHeaders('notifications/progress'),
        );
        expect(response.status).toBe(202);
        expect(response.body.length).toBe(0);
      });
    });

    describe('406', () => {
      it('POST whose Accept lacks text/event-stream', async () => {
        const body = expectJsonRpcError(
          await post(toolsList(), sessionHeaders(sessionId, { accept: 'application/json' })),
          406,
          -32000,
        );
        expect(body.id).toBeNull();
        expect(body.error.message).toContain('Not Acceptable');
      });

      it('POST whose Accept lacks application/json', async () => {
        expectJsonRpcError(
          await post(toolsList(), sessionHeaders(sessionId, { accept: 'text/event-stream' })),
          406,
          -32000,
        );
      });

      it('POST with no Accept at all', async () => {
        const headers = sessionHeaders(sessionId);
        delete (headers as Record<string, string | undefined>).accept;
        expectJsonRpcError(await post(toolsList(), headers), 406, -32000);
      });

      it('GET whose Accept lacks text/event-stream', async () => {
        const response = await call(demo.url, {
          method: 'GET',
          headers: { accept: 'application/json', 'mcp-session-id': sessionId },
        });
        expectJsonRpcError(response, 406, -32000);
      });
    });

    describe('415', () => {
      it.each([
        ['text/plain', { 'content-type': 'text/plain' }],
        [
          'application/json; charset=utf-16',
          { 'content-type': 'application/json; charset=utf-16' },
        ],
        ['Content-Encoding: gzip', { 'content-encoding': 'gzip' }],
      ])('%s', async (_label, extra) => {
        const body = expectJsonRpcError(
          await post(toolsList(), sessionHeaders(sessionId, extra)),
          415,
          -32000,
        );
        expect(body.error.message).toContain('Unsupported Media Type');
      });

      // Core bug on Fastify: a body with no Content-Type (or one Fastify has no parser for, e.g.
      // application/octet-stream) is refused by Fastify's content-type parser after the preParsing
      // hook, with its own `{"statusCode":415,…}` body instead of the JSON-RPC error. The status is
      // right. Drop the `.fails` once RawBodyInstaller.installFastify routes those to the transport.
      it('missing Content-Type', async () => {
        const headers = sessionHeaders(sessionId);
        delete (headers as Record<string, string | undefined>)['content-type'];
        expectJsonRpcError(await post(toolsList(), headers), 415, -32000);
      });

      it('application/json; charset=UTF-8 is fine (positive control)', async () => {
        const response = await post(
          toolsList(),
          sessionHeaders(sessionId, { 'content-type': 'application/json; charset=UTF-8' }),
        );
        expect(response.status).toBe(200);
      });
    });

    describe('413', () => {
      it('a declared Content-Length over the cap is refused before any body byte is sent', async () => {
        const head =
          `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${demo.port}\r\nContent-Type: application/json\r\n` +
          `Accept: ${ACCEPT_BOTH}\r\nMcp-Session-Id: ${sessionId}\r\nContent-Length: ${50 * MAX_BODY_BYTES}\r\n\r\n`;
        const response = await socketExchange(demo.port, head); // no body ever written
        expect(response.status).toBe(413);
        expect(response.headers.connection).toBe('close');
        expect(JSON.parse(response.body)).toMatchObject({
          jsonrpc: '2.0',
          id: null,
          error: { code: -32000, message: 'Payload Too Large' },
        });
      });

      it('a chunked body that grows past the cap is cut off with 413', async () => {
        const head =
          `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${demo.port}\r\nContent-Type: application/json\r\n` +
          `Accept: ${ACCEPT_BOTH}\r\nMcp-Session-Id: ${sessionId}\r\nTransfer-Encoding: chunked\r\n\r\n`;
        const chunk = Buffer.alloc(256 * 1024, 0x20); // whitespace: valid JSON padding, just too much of it
        let sent = 0;
        const response = await socketExchange(demo.port, head, {
          timeoutMs: 10_000,
          keepSocket: (socket) => {
            const pump = (): void => {
              // Keep sending chunks (up to 3× the cap) until the server answers and closes.
              while (!socket.destroyed && socket.writable && sent < 3 * MAX_BODY_BYTES) {
                sent += chunk.length;
                const more = socket.write(
                  Buffer.concat([
                    Buffer.from(`${chunk.length.toString(16)}\r\n`),
                    chunk,
                    Buffer.from('\r\n'),
                  ]),
                );
                if (!more) return void socket.once('drain', pump);
              }
            };
            socket.on('error', () => undefined);
            pump();
          },
        });
        expect(response.status).toBe(413);
        expect(JSON.parse(response.body)).toMatchObject({
          error: { code: -32000, message: 'Payload Too Large' },
        });
        expect(sent).toBeGreaterThan(MAX_BODY_BYTES);
      });
    });

    describe('400 + -32700 (parse error)', () => {
      it.each([
        ['bad JSON', Buffer.from('{"jsonrpc":"2.0","id":1,"method":')],
        [
          'invalid UTF-8',
          Buffer.concat([
            Buffer.from('{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":"'),
            Buffer.from([0xff, 0xfe]),
            Buffer.from('"}}'),
          ]),
        ],
        [
          'a byte order mark',
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toolsList())]),
        ],
      ])('%s', async (_label, bytes) => {
        const body = expectJsonRpcError(await post(bytes), 400, -32700);
        expect(body.id).toBeNull();
      });
    });

    describe('400 + -32600 (invalid request)', () => {
      const deep = `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
      // A well-formed id is echoed; an unusable one becomes null.
      it.each([
        ['a batch array', `[${toolsList(1)},${toolsList(2)}]`, null],
        // Refused by the pre-scan before JSON.parse, so no id was read.
        ['nesting 10,000 deep', deep, null],
        [
          'a __proto__ key',
          '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"__proto__":{"polluted":true}}}',
          1,
        ],
        ['id {}', '{"jsonrpc":"2.0","id":{},"method":"tools/list"}', null],
        ['id null on a request', '{"jsonrpc":"2.0","id":null,"method":"tools/list"}', null],
        [
          'id 9007199254740993 (not a safe integer)',
          '{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/list"}',
          null,
        ],
      ])('%s', async (_label, text, id) => {
        const body = expectJsonRpcError(await post(text), 400, -32600);
        expect(body.id).toBe(id);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    });

    describe('GET stream', () => {
      it('opens the session SSE stream with a priming event (id + retry); a second GET is 409', async () => {
        const own = await openSession(demo.url);
        const first = await open(demo.url, {
          headers: {
            accept: 'text/event-stream',
            'mcp-session-id': own,
            'mcp-protocol-version': SESSION_VERSION,
          },
        });
        try {
          expect(first.res.statusCode).toBe(200);
          expect(first.res.headers['content-type']).toBe('text/event-stream');
          expect(first.res.headers['cache-control']).toContain('no-cache');
          expect(first.res.headers['mcp-session-id']).toBe(own);
          const reader = new SseReader(first.res);
          const priming = await reader.next();
          expect(priming.id).toMatch(/\S/);
          expect(priming.retry).toBeGreaterThan(0);
          expect(priming.data).toBe('');
          const second = await call(demo.url, {
            method: 'GET',
            headers: { accept: 'text/event-stream', 'mcp-session-id': own },
          });
          expectJsonRpcError(second, 409, -32000);
        } finally {
          first.abort();
        }
      });

      it('GET without a session id is 400, with an unknown one 404', async () => {
        expectJsonRpcError(
          await call(demo.url, { method: 'GET', headers: { accept: 'text/event-stream' } }),
          400,
          -32000,
        );
        expectJsonRpcError(
          await call(demo.url, {
            method: 'GET',
            headers: { accept: 'text/event-stream', 'mcp-session-id': 'nope' },
          }),
          404,
          -32001,
        );
      });
    });

    describe('405', () => {
      it('GET in the stateless era (MCP-Protocol-Version: 2026-07-28)', async () => {
        const response = await call(demo.url, {
          method: 'GET',
          headers: { accept: 'text/event-stream', 'mcp-protocol-version': '2026-07-28' },
        });
        expectJsonRpcError(response, 405, -32000);
        expect(response.headers.allow).toBeDefined();
        expect(response.headers.allow).not.toContain('GET');
      });

      it('DELETE in the stateless era', async () => {
        const response = await call(demo.url, {
          method: 'DELETE',
          headers: { 'mcp-protocol-version': '2026-07-28' },
        });
        expectJsonRpcError(response, 405, -32000);
        expect(response.headers.allow).toBe('POST');
      });

      it('PUT', async () => {
        const response = await call(demo.url, {
          method: 'PUT',
          headers: JSON_POST_HEADERS,
          body: toolsList(),
        });
        expectJsonRpcError(response, 405, -32000);
        expect(response.headers.allow).toContain('POST');
      });
    });

    describe('sessions', () => {
      it('DELETE ends the session (200), then the id answers 404', async () => {
        const own = await openSession(demo.url);
        const deleted = await call(demo.url, {
          method: 'DELETE',
          headers: { 'mcp-session-id': own },
        });
        expect(deleted.status).toBe(200);
        expectJsonRpcError(await post(toolsList(), sessionHeaders(own)), 404, -32001);
        expectJsonRpcError(
          await call(demo.url, { method: 'DELETE', headers: { 'mcp-session-id': own } }),
          404,
          -32001,
        );
      });

      it('session ids carry ≥128 random bits in visible ASCII and differ on every initialize', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 16; i++) ids.push(await openSession(demo.url));
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) {
          expect(id).toMatch(/^[\x21-\x7e]+$/);
          // Bits per character from the alphabet the id is drawn from ('-' is a base64url digit too).
          const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
          const bitsPerChar = /^[0-9a-f]+$/i.test(id) ? 4 : /^[A-Za-z0-9_-]+$/.test(id) ? 6 : 6.5;
          expect(isUuid ? 122 : id.length * bitsPerChar).toBeGreaterThanOrEqual(128);
        }
        // The characters are spread out, as random output is (a counter or a timestamp is not).
        expect(new Set(ids.join('')).size).toBeGreaterThan(40);
      });

      it('a later request without Mcp-Session-Id is 400', async () => {
        const headers = sessionHeaders(sessionId);
        delete (headers as Record<string, string | undefined>)['mcp-session-id'];
        const body = expectJsonRpcError(await post(toolsList(), headers), 400, -32000);
        expect(body.error.message).toContain('Mcp-Session-Id');
      });

      it('an unknown session id is 404', async () => {
        expectJsonRpcError(
          await post(toolsList(), sessionHeaders('AAAAAAAAAAAAAAAAAAAAAAAA')),
          404,
          -32001,
        );
      });
    });

    describe('MCP-Protocol-Version on a session', () => {
      it.each(['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'])(
        '%s is accepted',
        async (version) => {
          const response = await post(
            toolsList(),
            sessionHeaders(sessionId, { 'mcp-protocol-version': version }),
          );
          expect(response.status).toBe(200);
          expect(response.json().result.tools).toHaveLength(DEMO_PUBLIC_TOOLS.length);
        },
      );

      it('no header at all is accepted (assumed 2025-03-26)', async () => {
        const headers = sessionHeaders(sessionId);
        delete (headers as Record<string, string | undefined>)['mcp-protocol-version'];
        expect((await post(toolsList(), headers)).status).toBe(200);
      });

      it('an unsupported version (1999-01-01) is 400', async () => {
        const body = expectJsonRpcError(
          await post(
            toolsList(),
            sessionHeaders(sessionId, { 'mcp-protocol-version': '1999-01-01' }),
          ),
          400,
          -32000,
        );
        expect(body.error.message).toContain('1999-01-01');
      });
    });

    describe('403', () => {
      it('an Origin that is not allowed, with a JSON-RPC error body', async () => {
        const body = expectJsonRpcError(
          await post(toolsList(), sessionHeaders(sessionId, { origin: 'https://evil.example' })),
          403,
          -32000,
        );
        expect(body.id).toBeNull();
        expect(body.error.message).toContain('Origin');
      });

      it('a loopback Origin on the bound port is allowed (positive control)', async () => {
        const response = await post(
          toolsList(),
          sessionHeaders(sessionId, { origin: `http://localhost:${demo.port}` }),
        );
        expect(response.status).toBe(200);
      });

      it('a Host that is not allowed (DNS rebinding)', async () => {
        const body = expectJsonRpcError(
          await post(JSON.stringify(initializeMessage()), {
            ...JSON_POST_HEADERS,
            host: `evil.example:${demo.port}`,
          }),
          403,
          -32000,
        );
        expect(body.error.message).toContain('Host');
      });

      it('Host localhost:PORT is allowed (positive control)', async () => {
        const response = await post(JSON.stringify(initializeMessage()), {
          ...JSON_POST_HEADERS,
          host: `localhost:${demo.port}`,
        });
        expect(response.status).toBe(200);
      });
    });

    describe('400 for duplicate singleton headers', () => {
      it('two Mcp-Session-Id lines', async () => {
        const body = expectJsonRpcError(
          await post(toolsList(), {
            ...sessionHeaders(sessionId),
            'mcp-session-id': [sessionId, sessionId],
          }),
          400,
          -32000,
        );
        expect(body.error.message).toContain('mcp-session-id');
      });

      it('two Host lines', async () => {
        const payload = toolsList();
        const head =
          `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${demo.port}\r\nHost: 127.0.0.1:${demo.port}\r\n` +
          `Content-Type: application/json\r\nAccept: ${ACCEPT_BOTH}\r\nMcp-Session-Id: ${sessionId}\r\n` +
          `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`;
        const response = await socketExchange(demo.port, head);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(response.body)).toMatchObject({
          id: null,
          error: { code: -32000, message: 'Bad Request: duplicate host header' },
        });
      });
    });

    describe('stateless era (2026-07-28) envelope errors', () => {
      it('missing _meta → 400 + -32602, echoing the id', async () => {
        const response = await post(
          JSON.stringify({ jsonrpc: '2.0', id: 101, method: 'server/discover', params: {} }),
          statelessHeaders('server/discover'),
        );
        const body = expectJsonRpcError(response, 400, -32602);
        expect(body.id).toBe(101);
      });

      it('header and _meta versions differ → 400 + -32020', async () => {
        const request = statelessMessage('tools/list', {}, { id: 102, version: '2099-01-01' });
        const body = expectJsonRpcError(
          await post(JSON.stringify(request), statelessHeaders('tools/list')),
          400,
          -32020,
        );
        expect(body.id).toBe(102);
      });

      it('an unsupported version in both → 400 + -32022 with data.supported', async () => {
        const request = statelessMessage('server/discover', {}, { id: 103, version: '1999-01-01' });
        const body = expectJsonRpcError(
          await post(
            JSON.stringify(request),
            statelessHeaders('server/discover', undefined, '1999-01-01'),
          ),
          400,
          -32022,
        );
        expect(body.error.data).toEqual({ supported: ['2026-07-28'], requested: '1999-01-01' });
      });

      it('Mcp-Method that does not match the body → 400 + -32020', async () => {
        const body = expectJsonRpcError(
          await post(
            JSON.stringify(statelessMessage('tools/list', {}, { id: 104 })),
            statelessHeaders('prompts/list'),
          ),
          400,
          -32020,
        );
        expect(body.id).toBe(104);
      });

      it('Mcp-Name that does not match the tool → 400 + -32020', async () => {
        const request = statelessMessage(
          'tools/call',
          {
            name: 'conjugate',
            arguments: { verb: 'eat', tense: 'past_simple', person: '3sg' },
          },
          { id: 105 },
        );
        expectJsonRpcError(
          await post(JSON.stringify(request), statelessHeaders('tools/call', 'lookup_spanish')),
          400,
          -32020,
        );
        const ok = await post(JSON.stringify(request), statelessHeaders('tools/call', 'conjugate'));
        expect(ok.status).toBe(200);
        expect(ok.json().result).toMatchObject({
          resultType: 'complete',
          content: [{ type: 'text', text: 'ate' }],
        });
        expect(ok.headers['mcp-session-id']).toBeUndefined();
      });

      it.each(['initialize', 'ping', 'logging/setLevel'])(
        'removed method %s → 404 + -32601',
        async (method) => {
          const params =
            method === 'initialize'
              ? {
                  protocolVersion: '2026-07-28',
                  capabilities: {},
                  clientInfo: { name: 'x', version: '1' },
                }
              : method === 'logging/setLevel'
                ? { level: 'info' }
                : {};
          const body = expectJsonRpcError(
            await post(
              JSON.stringify(statelessMessage(method, params, { id: 500 })),
              statelessHeaders(method),
            ),
            404,
            -32601,
          );
          expect(body.id).toBe(500);
        },
      );
    });
  });

  describe('shutdown', () => {
    it('app.close() ends open session SSE streams instead of waiting on them', async () => {
      const demo = await startDemoApp({ adapter });
      const sessionId = await openSession(demo.url);
      const stream = await open(demo.url, {
        headers: { accept: 'text/event-stream', 'mcp-session-id': sessionId },
      });
      expect(stream.res.statusCode).toBe(200);
      const reader = new SseReader(stream.res);
      await reader.next(); // priming event: the stream is live
      const closed = await Promise.race([
        demo.close().then(() => 'closed'),
        new Promise((resolve) => setTimeout(resolve, 5_000, 'hung')),
      ]);
      stream.abort();
      expect(closed).toBe('closed');
      await reader.ended;
    });
  });

  describe('POST answered as SSE when the call streams (progress)', () => {
    let app: RunningApp;

    beforeAll(async () => {
      app = await startApp(StreamingAppModule, { adapter });
    });

    afterAll(async () => {
      await app?.close();
    });

    it('session era: priming event, progress notifications, then the response (resumable ids)', async () => {
      const sessionId = await openSession(app.url);
      const { res } = await open(app.url, {
        method: 'POST',
        headers: sessionHeaders(sessionId),
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 42,
          method: 'tools/call',
          params: { name: 'count_to', arguments: { n: 3 }, _meta: { progressToken: 'p-1' } },
        }),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream');
      expect(res.headers['mcp-session-id']).toBe(sessionId);
      const reader = new SseReader(res);
      await reader.ended;
      const [priming, ...rest] = reader.events;
      expect(priming.id).toBeTruthy();
      expect(priming.retry).toBeGreaterThan(0);
      const messages = rest.map((e) => JSON.parse(e.data) as Wire);
      expect(messages.map((m) => (m.method as string | undefined) ?? 'response')).toEqual([
        'notifications/progress',
        'notifications/progress',
        'notifications/progress',
        'response',
      ]);
      expect(messages.slice(0, 3).map((m) => m.params.progress as number)).toEqual([1, 2, 3]);
      expect(messages[0].params).toMatchObject({
        progressToken: 'p-1',
        total: 3,
        message: 'step 1',
      });
      expect(messages[3]).toMatchObject({
        id: 42,
        result: { content: [{ type: 'text', text: 'counted to 3' }] },
      });
      for (const event of rest) expect(event.id).toBeTruthy();
    });

    it('without a progressToken the same call is plain JSON', async () => {
      const sessionId = await openSession(app.url);
      const response = await call(app.url, {
        headers: sessionHeaders(sessionId),
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 43,
          method: 'tools/call',
          params: { name: 'count_to', arguments: { n: 2 } },
        }),
      });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json().result.content[0].text).toBe('counted to 2');
    });

    it('stateless era: progress then the complete result, no event ids, no session', async () => {
      const request = statelessMessage(
        'tools/call',
        { name: 'count_to', arguments: { n: 2 } },
        { id: 44 },
      );
      (request.params as Wire)._meta.progressToken = 7;
      const { res } = await open(app.url, {
        method: 'POST',
        headers: statelessHeaders('tools/call', 'count_to'),
        body: JSON.stringify(request),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream');
      expect(res.headers['mcp-session-id']).toBeUndefined();
      const reader = new SseReader(res);
      await reader.ended;
      const messages = reader.events
        .filter((e) => e.data !== '')
        .map((e) => JSON.parse(e.data) as Wire);
      expect(messages.map((m) => (m.method as string | undefined) ?? 'response')).toEqual([
        'notifications/progress',
        'notifications/progress',
        'response',
      ]);
      expect(messages[2]).toMatchObject({
        id: 44,
        result: { resultType: 'complete', content: [{ text: 'counted to 2' }] },
      });
      for (const event of reader.events) expect(event.id).toBeUndefined();
    });
  });

  describe('an app under a global prefix', () => {
    let app: RunningApp;

    beforeAll(async () => {
      app = await startApp(PrefixedAppModule, {
        configure: (nest) => void nest.setGlobalPrefix('api'),
        adapter,
        mcpPath: '/api/mcp',
      });
    });

    afterAll(async () => {
      await app?.close();
    });

    it('serves /api/mcp (and not /mcp)', async () => {
      const sessionId = await openSession(app.url);
      const response = await call(app.url, {
        headers: sessionHeaders(sessionId),
        body: toolsList(3),
      });
      expect(response.status).toBe(200);
      expect(response.json().result.tools).toHaveLength(6);
      const bare = await call(`${app.origin}/mcp`, {
        headers: JSON_POST_HEADERS,
        body: JSON.stringify(initializeMessage()),
      });
      expect(bare.status).toBe(404);
    });

    it('takes a body over 100 KB (the host body parser limit) and below maxBodyBytes', async () => {
      const sessionId = await openSession(app.url);
      const payload = JSON.stringify({
        jsonrpc: '2.0',
        id: 4,
        method: 'tools/call',
        params: {
          name: 'lookup_spanish',
          arguments: { word: 'ate' },
          _meta: { padding: 'x'.repeat(200 * 1024) },
        },
      });
      expect(Buffer.byteLength(payload)).toBeGreaterThan(200 * 1024);
      const response = await call(app.url, { headers: sessionHeaders(sessionId), body: payload });
      expect(response.status).toBe(200);
      expect(response.json().result.content[0].text).toBe('comió');
    });
  });
});

@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'large', version: '1.0.0' },
      maxBodyBytes: 4 * 2 ** 20,
    }),
    TutorModule,
  ],
})
class LargeBodyAppModule {}

describe('bodies between 1 MiB and a raised maxBodyBytes (4 MiB)', () => {
  // Ten 150 KB strings: ~1.5 MB in all, each under the 256 KB string limit of the parser.
  const payload = JSON.stringify({
    jsonrpc: '2.0',
    id: 5,
    method: 'tools/call',
    params: {
      name: 'lookup_spanish',
      arguments: { word: 'went' },
      _meta: { padding: Array.from({ length: 10 }, () => 'y'.repeat(150_000)) },
    },
  });

  const accepted = async (adapter: 'express' | 'fastify'): Promise<void> => {
    const app = await startApp(LargeBodyAppModule, { adapter });
    try {
      const sessionId = await openSession(app.url);
      const response = await call(app.url, { headers: sessionHeaders(sessionId), body: payload });
      expect(response.status).toBe(200);
      expect(response.json().result.content[0].text).toBe('fue');
    } finally {
      await app.close();
    }
  };

  it('are accepted on Express', async () => {
    expect(Buffer.byteLength(payload)).toBeGreaterThan(1024 * 1024);
    await accepted('express');
  });

  it('are accepted on Fastify', async () => {
    await accepted('fastify');
  });
});
