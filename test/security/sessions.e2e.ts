import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventStore, MemorySessionStore } from '../../src/mcp/index.js';
import { standardAgents } from '../support/security/agents.js';
import { maybeSign, sign } from '../support/security/request.signer.js';
import { send } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import {
  initializeMessage,
  sessionRequest,
  sessionStream,
} from '../support/wire/session.requests.js';
import { openStream } from '../support/wire/sse.stream.js';
import { statelessRequest } from '../support/wire/stateless.requests.js';
import { SESSION_VERSION } from '../support/wire/wire.constants.js';
import { cloneRequest, jsonPost, type WireRequest } from '../support/wire/wire.request.js';
import {
  expectResult,
  expectRpcError,
  expectUnauthorized,
} from '../support/security/expect-wire.js';
import { startSecureApp, type SecureApp } from '../support/security/secure-app.js';

let s: SecureApp;

beforeAll(async () => {
  s = await startSecureApp();
});
afterAll(() => s?.close());

const initialize = (extra: Record<string, string> = {}) => jsonPost(initializeMessage(), extra);
const list = (sid: string, id = 2) =>
  sessionRequest(sid, { jsonrpc: '2.0', id, method: 'tools/list' });

describe('D. Sessions (end to end)', () => {
  it('D1 fixation: a client-sent Mcp-Session-Id on initialize is ignored; a fresh server id is issued; the client id stays invalid (404)', async () => {
    const chosen = 'attacker-chosen-session-id-0000000000';
    const res = await send(
      s.port,
      sign(s.agents.writer, initialize({ 'mcp-session-id': chosen }), s.publicBaseUrl),
    );
    expect(res.status).toBe(200);
    const issued = res.headers['mcp-session-id'];
    expect(typeof issued).toBe('string');
    expect(issued).not.toBe(chosen);
    expectRpcError(
      await send(s.port, sign(s.agents.writer, list(chosen), s.publicBaseUrl)),
      404,
      -32001,
    );
    expectResult(
      await send(s.port, sign(s.agents.writer, list(issued as string), s.publicBaseUrl)),
    );
  });

  it('D2 10,000 initializations: ids unique, ≥128 bits, visible ASCII 0x21–0x7E, no sequential pattern', async () => {
    // One address opens them all: its session quota is lifted for this case.
    const app = await startSecureApp({
      unsigned: true,
      mcp: { session: { maxSessions: 20_000, perAnonymousAddress: 20_000, anonymousShare: 1 } },
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const body = initialize().body!;
    const one = () =>
      new Promise<string>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: app.port,
            method: 'POST',
            path: '/mcp',
            agent,
            headers: initialize().headers,
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(String(res.headers['mcp-session-id'])));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const ids: string[] = [];
      for (let batch = 0; batch < 100; batch++)
        ids.push(...(await Promise.all(Array.from({ length: 100 }, one))));
      expect(new Set(ids).size).toBe(10_000);
      for (const id of ids) {
        expect(id).toMatch(/^[\x21-\x7e]+$/);
        // base64url of ≥16 random bytes
        expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(16);
      }
      const sorted = [...ids].sort();
      let sharedPrefix = 0;
      for (let i = 1; i < sorted.length; i++) {
        let p = 0;
        while (sorted[i][p] === sorted[i - 1][p]) p++;
        sharedPrefix = Math.max(sharedPrefix, p);
      }
      // 10k random ids share at most a few leading characters; a counter would share most of them.
      expect(sharedPrefix).toBeLessThan(8);
    } finally {
      agent.destroy();
      await app.close();
    }
  }, 30_000);

  it("D3 principal B uses principal A's session id with B's valid signature → 404 (not 403)", async () => {
    const sid = await openSession(s.url, {
      agent: s.agents.writer,
      publicBaseUrl: s.publicBaseUrl,
    });
    const before = s.probe.total;
    const call = sessionRequest(sid, {
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'probe_write', arguments: {} },
    });
    expectRpcError(await send(s.port, sign(s.agents.other, call, s.publicBaseUrl)), 404, -32001);
    expect(s.probe.total).toBe(before);
  });

  it('D4 anonymous request on a signed session; signed request on an anonymous session → 404 both', async () => {
    const signedSid = await openSession(s.url, {
      agent: s.agents.writer,
      publicBaseUrl: s.publicBaseUrl,
    });
    const anonSid = await openSession(s.url);
    expectRpcError(await send(s.port, list(signedSid)), 404, -32001);
    expectRpcError(
      await send(s.port, sign(s.agents.writer, list(anonSid), s.publicBaseUrl)),
      404,
      -32001,
    );
    expectResult(await send(s.port, list(anonSid)));
  });

  it('D5a a non-initialize request without Mcp-Session-Id (stateful) → 400', async () => {
    const req = jsonPost(
      { jsonrpc: '2.0', id: 4, method: 'tools/list' },
      { 'mcp-protocol-version': SESSION_VERSION },
    );
    expectRpcError(await send(s.port, sign(s.agents.writer, req, s.publicBaseUrl)), 400, -32000);
  });

  // GAP: SessionHttpHandler.post() treats every `initialize` as a new session, even when it carries
  // the Mcp-Session-Id of the caller's live session; it answers 200 with another session id.
  // Expected (ADVERSARIAL D5): 400. Suggested fix: in post(), when the request is `initialize`
  // and an Mcp-Session-Id header names a session this principal owns, reject(res, 400, …);
  // an unknown/foreign id keeps being ignored (D1).
  it('D5b a second initialize on an existing session → 400', async () => {
    const sid = await openSession(s.url, {
      agent: s.agents.writer,
      publicBaseUrl: s.publicBaseUrl,
    });
    const again = initialize({
      'mcp-session-id': sid,
      'mcp-protocol-version': SESSION_VERSION,
    });
    const res = await send(s.port, sign(s.agents.writer, again, s.publicBaseUrl));
    expect(res.status).toBe(400);
  });

  it("D6 DELETE by a non-owner → 404; any request after the owner's DELETE → 404", async () => {
    const sid = await openSession(s.url, {
      agent: s.agents.writer,
      publicBaseUrl: s.publicBaseUrl,
    });
    const del: WireRequest = {
      method: 'DELETE',
      path: '/mcp',
      headers: { 'mcp-session-id': sid, 'mcp-protocol-version': SESSION_VERSION },
    };
    expectRpcError(await send(s.port, sign(s.agents.other, del, s.publicBaseUrl)), 404, -32001);
    expectRpcError(await send(s.port, del), 404, -32001);
    expectResult(await send(s.port, sign(s.agents.writer, list(sid), s.publicBaseUrl)));
    expect((await send(s.port, sign(s.agents.writer, del, s.publicBaseUrl))).status).toBe(200);
    expectRpcError(
      await send(s.port, sign(s.agents.writer, list(sid), s.publicBaseUrl)),
      404,
      -32001,
    );
    expectRpcError(await send(s.port, sign(s.agents.writer, del, s.publicBaseUrl)), 404, -32001);
  });

  it("D7 legacy SSE: B posts to A's sessionId → 404; unsigned post to A's session → 404; tampered sessionId query → 401", async () => {
    const open = await openStream(
      s.port,
      sign(
        s.agents.writer,
        { method: 'GET', path: '/sse', headers: { accept: 'text/event-stream' } },
        s.publicBaseUrl,
      ),
    );
    expect(open.status).toBe(200);
    try {
      const endpoint = await open.reader!.next();
      expect(endpoint.event).toBe('endpoint');
      const path = endpoint.data;
      expect(path).toMatch(/^\/messages\?sessionId=[\w-]{22,}$/);
      const message = (id: number) =>
        jsonPost(
          {
            jsonrpc: '2.0',
            id,
            method: 'tools/call',
            params: { name: 'probe_write', arguments: {} },
          },
          {},
          path,
        );
      const before = s.probe.total;
      expectRpcError(
        await send(s.port, sign(s.agents.other, message(1), s.publicBaseUrl)),
        404,
        -32001,
      );
      expectRpcError(await send(s.port, message(2)), 404, -32001);
      const signedForA = sign(s.agents.writer, message(3), s.publicBaseUrl);
      const tampered = cloneRequest(signedForA, {
        path: path.replace(/sessionId=./, 'sessionId=X'),
      });
      expectUnauthorized(await send(s.port, tampered));
      expect(s.probe.total).toBe(before);
      // Positive control: A's own signed POST is accepted and answered on A's stream.
      expect((await send(s.port, signedForA)).status).toBe(202);
      const answer = await open.reader!.nextMessage();
      expect(answer).toMatchObject({ id: 3, result: { content: [{ text: 'written by writer' }] } });
    } finally {
      open.close();
    }
  });

  it("D8 GET with Last-Event-ID of another principal's stream → 404, nothing replayed; garbage Last-Event-ID → 400", async () => {
    const sidA = await openSession(s.url, {
      agent: s.agents.writer,
      publicBaseUrl: s.publicBaseUrl,
    });
    const streamA = await openStream(
      s.port,
      sign(s.agents.writer, sessionStream(sidA), s.publicBaseUrl),
    );
    try {
      const priming = await streamA.reader!.next();
      expect(priming.id).toMatch(/^g[\w-]*\.\d+$/);
      const sidB = await openSession(s.url, {
        agent: s.agents.other,
        publicBaseUrl: s.publicBaseUrl,
      });
      const stolen = await openStream(
        s.port,
        sign(
          s.agents.other,
          sessionStream(sidB, { 'last-event-id': priming.id! }),
          s.publicBaseUrl,
        ),
      );
      expect(stolen.status).toBe(404);
      expect(stolen.reader).toBeUndefined();
      const garbage = await openStream(
        s.port,
        sign(s.agents.other, sessionStream(sidB, { 'last-event-id': 'garbage' }), s.publicBaseUrl),
      );
      expect(garbage.status).toBe(400);
    } finally {
      streamA.close();
    }
  });

  it("D9 two instances sharing session and event stores (in-process stand-in for Redis): B's request carrying A's session id is never delivered to A", async () => {
    const agents = standardAgents();
    const stores = {
      sessions: new MemorySessionStore(60_000, 1000),
      events: new MemoryEventStore(),
    };
    const one = await startSecureApp({ agents, mcp: { stores } });
    const two = await startSecureApp({ agents, mcp: { stores } });
    try {
      const sidA = await openSession(one.url, {
        agent: agents.writer,
        publicBaseUrl: one.publicBaseUrl,
      });
      const streamA = await openStream(
        one.port,
        sign(agents.writer, sessionStream(sidA), one.publicBaseUrl),
      );
      await streamA.reader!.next();
      const chatty = sessionRequest(sidA, {
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: {
          name: 'probe_chatty',
          arguments: { n: 3, size: 8 },
          _meta: { progressToken: 't' },
        },
      });
      expectRpcError(
        await send(two.port, sign(agents.other, chatty, two.publicBaseUrl)),
        404,
        -32001,
      );
      expect(one.probe.total + two.probe.total).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(streamA.reader!.events).toHaveLength(1);
      // Positive control: A reaches its session through the other instance (the store is shared).
      expectResult(await send(two.port, sign(agents.writer, list(sidA), two.publicBaseUrl)));
      streamA.close();
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('D10 2026 mode: a requestState minted for A, used by B → rejected (−32602); A can use it', async () => {
    const ask = (agent: typeof s.agents.writer | undefined, extra: Record<string, unknown> = {}) =>
      maybeSign(
        agent,
        statelessRequest(
          'tools/call',
          { name: 'probe_ask', arguments: {}, ...extra },
          {
            name: 'probe_ask',
            meta: { 'io.modelcontextprotocol/clientCapabilities': { elicitation: {} } },
          },
        ),
        s.publicBaseUrl,
      );
    const first = expectResult(await send(s.port, ask(s.agents.writer)));
    expect(first.resultType).toBe('input_required');
    const retry = {
      requestState: first.requestState,
      inputResponses: { name: { action: 'accept', content: { name: 'Ann' } } },
    };
    const stolen = await send(s.port, ask(s.agents.other, retry));
    expect(stolen.json().error?.code).toBe(-32602);
    expect(s.probe.count('probe_ask')).toBe(0);
    expect(expectResult(await send(s.port, ask(s.agents.writer, retry))).content[0].text).toBe(
      'hello Ann',
    );
  });
});
