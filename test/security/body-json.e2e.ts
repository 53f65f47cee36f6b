import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sign } from '../support/security/request.signer.js';
import { craft } from '../support/security/signature.crafter.js';
import { send } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { sessionRequest } from '../support/wire/session.requests.js';
import { socketExchange } from '../support/wire/socket.client.js';
import { statelessMeta, statelessRequest, toolCall } from '../support/wire/stateless.requests.js';
import { cloneRequest, jsonPost, type WireRequest } from '../support/wire/wire.request.js';
import {
  expectCallUnauthorized,
  expectResult,
  expectRpcError,
  expectTransportError,
  expectUnauthorized,
} from '../support/security/expect-wire.js';
import { refused } from '../support/security/expect-wire.js';
import { MAX_BODY, startSecureApp } from '../support/security/secure-app.js';
import { useSecureApp } from '../support/security/secure-app.fixture.js';

const s = useSecureApp();

/** A stateless tools/call of probe_read whose `arguments` is the given raw JSON text. */
function rawArgsCall(argsJson: string): WireRequest {
  const meta = JSON.stringify(statelessMeta());
  const body = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"probe_read","arguments":${argsJson},"_meta":${meta}}}`;
  return cloneRequest(toolCall('probe_read'), { body: Buffer.from(body) });
}

describe('C. Body / JSON / JSON-RPC (end to end)', () => {
  it('C1 Content-Length of 1 MiB + 1 → 413 before any body byte is sent', async () => {
    const res = await socketExchange(
      s.port,
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: application/json\r\n` +
        `Accept: application/json, text/event-stream\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n`,
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: -32000 }, id: null });
    expect(s.probe.total).toBe(0);
  });

  it('C2 chunked body growing past the limit → 413 mid-stream and the socket is closed', async () => {
    const result = await new Promise<{ status: number; sent: number; closed: boolean }>(
      (resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port: s.port,
          method: 'POST',
          path: '/mcp',
          agent: false,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            'transfer-encoding': 'chunked',
          },
        });
        let sent = 0;
        let status = 0;
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = (): void => {
          while (status === 0 && sent < 4 * MAX_BODY) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
        };
        req.on('response', (res) => {
          status = res.statusCode ?? 0;
          req.end();
          res.resume();
          res.on('end', () =>
            resolve({ status, sent, closed: res.headers.connection === 'close' }),
          );
        });
        req.on('error', (error) =>
          status ? resolve({ status, sent, closed: true }) : reject(error),
        );
        pump();
      },
    );
    expect(result.status).toBe(413);
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThan(4 * MAX_BODY);
  });

  it('C3 Content-Encoding: gzip (valid JSON) → 415; a gzip bomb (5 MB → few KB) → 415 with memory bounded', async () => {
    const gz = gzipSync(toolCall('probe_read').body!);
    await s.refused(
      cloneRequest(toolCall('probe_read'), {
        body: gz,
        headers: { ...toolCall('probe_read').headers, 'content-encoding': 'gzip' },
      }),
      (r) => expectTransportError(r, 415),
    );
    const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(10 * 1024);
    const rss = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++)
      await s.refused(jsonPost(bomb, { 'content-encoding': 'gzip' }), (r) =>
        expectTransportError(r, 415),
      );
    expect(process.memoryUsage().rss - rss).toBeLessThan(20 * 1024 * 1024);
  });

  it('C4 text/plain; application/json; charset=utf-16; no Content-Type; application/x-json → 415 each', async () => {
    const good = toolCall('probe_read');
    for (const type of [
      'text/plain',
      'application/json; charset=utf-16',
      undefined,
      'application/x-json',
    ]) {
      const headers = { ...good.headers };
      if (type === undefined) delete headers['content-type'];
      else headers['content-type'] = type;
      await s.refused(cloneRequest(good, { headers }), (r) => expectTransportError(r, 415));
    }
  });

  it('C5 `[[[…]]]` nested 10,000 and 100,000 deep in arguments → 400 −32600, not 500', async () => {
    for (const depth of [10_000, 100_000]) {
      const started = performance.now();
      await s.refused(rawArgsCall(`{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`), (r) =>
        expectRpcError(r, 400, -32600),
      );
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  it('C6 an object with ~100k keys and an array of ~500k elements, each within 1 MiB → 400; latency bounded', async () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `"${i.toString(36)}":0`).join(',');
    const array = new Array(500_000).fill('0').join(',');
    for (const args of [`{${keys}}`, `{"a":[${array}]}`]) {
      const req = rawArgsCall(args);
      expect(req.body!.length).toBeLessThanOrEqual(MAX_BODY);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await s.refused(req, (r) => expectRpcError(r, 400, -32600));
        times.push(performance.now() - started);
      }
      expect(Math.max(...times)).toBeLessThan(1_500);
    }
  });

  it('C7 arguments with __proto__ / constructor.prototype → 400; Object.prototype stays clean; the handler never sees an inherited isAdmin', async () => {
    for (const args of [
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
    ]) {
      await s.refused(rawArgsCall(args), (r) => expectRpcError(r, 400, -32600));
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expectResult(await s.send(rawArgsCall('{"text":"clean"}')));
    expect(s.probe.lastSeen?.inheritedIsAdmin).toBeUndefined();
  });

  it('C8 duplicate keys: every stage uses the same (last) value — method, and params.name for authz', async () => {
    const meta = JSON.stringify(statelessMeta());
    const dupMethod = `{"jsonrpc":"2.0","id":1,"method":"tools/list","method":"tools/call","params":{"name":"probe_read","arguments":{"text":"dup"},"_meta":${meta}}}`;
    const before = s.probe.count('probe_read');
    const res = await s.send(
      cloneRequest(toolCall('probe_read'), { body: Buffer.from(dupMethod) }),
    );
    expect(expectResult(res).content[0].text).toBe('read dup');
    expect(s.probe.count('probe_read')).toBe(before + 1);
    const dupName = (header: string) =>
      cloneRequest(toolCall(header), {
        body: Buffer.from(
          `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"probe_read","name":"probe_write","arguments":{},"_meta":${meta}}}`,
        ),
      });
    // Authorization judged probe_write (the last value): anonymous → 401, probe_read never ran.
    await s.refused(dupName('probe_write'), (r) => expectCallUnauthorized(r));
    // The header check judged the same value: Mcp-Name probe_read does not match it.
    await s.refused(dupName('probe_read'), (r) => expectRpcError(r, 400, -32020));
  });

  it('C9 id 9007199254740993; a 10 KB string id; id {}; id null on a request → 400 −32600', async () => {
    for (const id of ['9007199254740993', JSON.stringify('i'.repeat(10_240)), '{}', 'null']) {
      await s.refused(
        jsonPost(
          `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"probe_read","arguments":{}}}`,
        ),
        (r) => expectRpcError(r, 400, -32600),
      );
    }
  });

  it('C10 batch of 2; []; a 1,000-element batch mixing a write tool → 400 −32600 each', async () => {
    const call = (name: string, id: number) => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name, arguments: {}, _meta: statelessMeta() },
    });
    const batches = [
      [call('probe_read', 1), call('probe_read', 2)],
      [],
      Array.from({ length: 1000 }, (_, i) => call(i % 2 ? 'probe_write' : 'probe_read', i)),
    ];
    for (const batch of batches)
      await s.refused(jsonPost(batch, { 'mcp-protocol-version': '2026-07-28' }), (r) =>
        expectRpcError(r, 400, -32600),
      );
  });

  it('C11 notification-only POST; response-only POST → 202 with no body', async () => {
    const note = statelessRequest('notifications/initialized');
    const body = JSON.parse(note.body!.toString()) as Record<string, unknown>;
    delete body.id;
    const res = await s.send(cloneRequest(note, { body: Buffer.from(JSON.stringify(body)) }));
    expect(res.status).toBe(202);
    expect(res.body.length).toBe(0);
    const sid = await s.openSession();
    const response = await s.send(sessionRequest(sid, { jsonrpc: '2.0', id: 99, result: {} }));
    expect(response.status).toBe(202);
    expect(response.body.length).toBe(0);
  });

  it('C12 unknown method → −32601; unknown tool → −32602; a hidden tool (hideUnauthorizedTools) → the identical −32602', async () => {
    expect(expectRpcError(await s.send(statelessRequest('tools/explode')), 404, -32601).id).toBe(1);
    const unknown = expectRpcError(
      await s.send(s.sign(toolCall('no_such_tool'), s.agents.reader)),
      200,
      -32602,
    );
    expect(unknown.error.message).toBe('Unknown tool: no_such_tool');
    const hidden = await startSecureApp({
      agents: s.agents,
      mcp: { signing: { hideUnauthorizedTools: true } },
    });
    try {
      const before = hidden.probe.total;
      const a = await send(
        hidden.port,
        sign(s.agents.reader, toolCall('probe_admin'), hidden.publicBaseUrl),
      );
      const b = await send(
        hidden.port,
        sign(s.agents.reader, toolCall('probe_nothing'), hidden.publicBaseUrl),
      );
      expect(a.status).toBe(b.status);
      expect(a.headers['www-authenticate']).toBeUndefined();
      expect(a.text.replace('probe_admin', 'X')).toBe(b.text.replace('probe_nothing', 'X'));
      expect(hidden.probe.total).toBe(before);
      // Without the option the same call is 403 insufficient_scope, naming the scope.
      const forbidden = expectRpcError(
        await s.send(s.sign(toolCall('probe_admin'), s.agents.reader)),
        403,
        -32012,
      );
      expect(forbidden.id).toBe(1);
    } finally {
      await hidden.close();
    }
  });

  it('C13 invalid UTF-8 (C0 80, lone surrogate bytes); a leading BOM → 400 −32700', async () => {
    const text = toolCall('probe_read', { text: 'Z' }).body!.toString();
    const at = text.indexOf('Z');
    for (const bytes of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
    ]) {
      const body = Buffer.concat([
        Buffer.from(text.slice(0, at)),
        Buffer.from(bytes),
        Buffer.from(text.slice(at + 1)),
      ]);
      await s.refused(cloneRequest(toolCall('probe_read'), { body }), (r) =>
        expectRpcError(r, 400, -32700),
      );
    }
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    await s.refused(cloneRequest(toolCall('probe_read'), { body: bom }), (r) =>
      expectRpcError(r, 400, -32700),
    );
  });

  it('C14 2026: Mcp-Name that differs from params.name (plain and base64 sentinel) → 400 −32020; the limiter and authz never counted it', async () => {
    const app = await startSecureApp({ agents: s.agents });
    try {
      const mismatched = (mcpName: string) => {
        const req = toolCall('probe_limited');
        req.headers['mcp-name'] = mcpName;
        return sign(s.agents.writer, req, app.publicBaseUrl);
      };
      const sentinel = `=?base64?${Buffer.from('probe_read').toString('base64')}?=`;
      for (let i = 0; i < 6; i++)
        await refused(app, mismatched(i % 2 ? sentinel : 'probe_read'), (r) =>
          expectRpcError(r, 400, -32020),
        );
      // The 5-per-minute limit of probe_limited is untouched: five calls still pass.
      for (let i = 0; i < 5; i++)
        expectResult(
          await send(app.port, sign(s.agents.writer, toolCall('probe_limited'), app.publicBaseUrl)),
        );
    } finally {
      await app.close();
    }
  });

  it('C15 MCP-Protocol-Version 1999-01-01 → 400; the version header present but not covered by the signature → 401', async () => {
    const sid = await openSession(s.url, {
      agent: s.agents.writer,
      publicBaseUrl: s.publicBaseUrl,
    });
    const list = sessionRequest(sid, { jsonrpc: '2.0', id: 5, method: 'tools/list' });
    await s.refused(
      s.sign(
        cloneRequest(list, { headers: { ...list.headers, 'mcp-protocol-version': '1999-01-01' } }),
      ),
      (r) => expectTransportError(r, 400),
    );
    await s.refused(
      craft(s.agents.writer, list, s.publicBaseUrl, {
        components: ['@method', '@target-uri', 'content-digest', 'mcp-session-id'],
      }),
      (r) => expectUnauthorized(r),
    );
  });
});
