import { Agent, request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
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
import { startSecureApp } from '../support/security/secure-app.js';
import { useSecureApp } from '../support/security/secure-app.fixture.js';

const s = useSecureApp();

const initialize = (extra: Record<string, string> = {}) => jsonPost(initializeMessage(), extra);
const list = (sid: string, id = 2) =>
  sessionRequest(sid, { jsonrpc: '2.0', id, method: 'tools/list' });

describe('D. Sessions (end to end)', () => {
  it('D1 fixation: a client-sent Mcp-Session-Id on initialize is ignored; a fresh server id is issued; the client id stays invalid (404)', async () => {
    const chosen = 'attacker-chosen-session-id-0000000000';
    const res = await s.send(s.sign(initialize({ 'mcp-session-id': chosen })));
    expect(res.status).toBe(200);
    const issued = res.headers['mcp-session-id'];
    expect(typeof issued).toBe('string');
    expect(issued).not.toBe(chosen);
    expectRpcError(await s.send(s.sign(list(chosen))), 404, -32001);
    expectResult(await s.send(s.sign(list(issued as string))));
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
    expectRpcError(await s.send(s.sign(call, s.agents.other)), 404, -32001);
    expect(s.probe.total).toBe(before);
  });

  it('D4 anonymous request on a signed session; signed request on an anonymous session → 404 both', async () => {
    const signedSid = await openSession(s.url, {
      agent: s.agents.writer,
      publicBaseUrl: s.publicBaseUrl,
    });
    const anonSid = await s.openSession();
    expectRpcError(await s.send(list(signedSid)), 404, -32001);
    expectRpcError(await s.send(s.sign(list(anonSid))), 404, -32001);
    expectResult(await s.send(list(anonSid)));
  });

  it('D5a a non-initialize request without Mcp-Session-Id (stateful) → 400', async () => {
    const req = jsonPost(
      { jsonrpc: '2.0', id: 4, method: 'tools/list' },
      { 'mcp-protocol-version': SESSION_VERSION },
    );
    expectRpcError(await s.send(s.sign(req)), 400, -32000);
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
    const res = await s.send(s.sign(again));
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
    expectRpcError(await s.send(s.sign(del, s.agents.other)), 404, -32001);
    expectRpcError(await s.send(del), 404, -32001);
    expectResult(await s.send(s.sign(list(sid))));
    expect((await s.send(s.sign(del))).status).toBe(200);
    expectRpcError(await s.send(s.sign(list(sid))), 404, -32001);
    expectRpcError(await s.send(s.sign(del)), 404, -32001);
  });

  it("D7 legacy SSE: B posts to A's sessionId → 404; unsigned post to A's session → 404; tampered sessionId query → 401", async () => {
    const open = await s.openStream(
      s.sign({ method: 'GET', path: '/sse', headers: { accept: 'text/event-stream' } }),
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
      expectRpcError(await s.send(s.sign(message(1), s.agents.other)), 404, -32001);
      expectRpcError(await s.send(message(2)), 404, -32001);
      const signedForA = s.sign(message(3));
      const tampered = cloneRequest(signedForA, {
        path: path.replace(/sessionId=./, 'sessionId=X'),
      });
      expectUnauthorized(await s.send(tampered));
      expect(s.probe.total).toBe(before);
      // Positive control: A's own signed POST is accepted and answered on A's stream.
      expect((await s.send(signedForA)).status).toBe(202);
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
    const streamA = await s.openStream(s.sign(sessionStream(sidA)));
    try {
      const priming = await streamA.reader!.next();
      expect(priming.id).toMatch(/^g[\w-]*\.\d+$/);
      const sidB = await openSession(s.url, {
        agent: s.agents.other,
        publicBaseUrl: s.publicBaseUrl,
      });
      const stolen = await s.openStream(
        s.sign(sessionStream(sidB, { 'last-event-id': priming.id! }), s.agents.other),
      );
      expect(stolen.status).toBe(404);
      expect(stolen.reader).toBeUndefined();
      const garbage = await s.openStream(
        s.sign(sessionStream(sidB, { 'last-event-id': 'garbage' }), s.agents.other),
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
    const first = expectResult(await s.send(ask(s.agents.writer)));
    expect(first.resultType).toBe('input_required');
    const retry = {
      requestState: first.requestState,
      inputResponses: { name: { action: 'accept', content: { name: 'Ann' } } },
    };
    const stolen = await s.send(ask(s.agents.other, retry));
    expect(stolen.json().error?.code).toBe(-32602);
    expect(s.probe.count('probe_ask')).toBe(0);
    expect(expectResult(await s.send(ask(s.agents.writer, retry))).content[0].text).toBe(
      'hello Ann',
    );
  });
});
