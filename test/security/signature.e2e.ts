import { createSecretKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { MemoryReplayStore } from '../../src/mcp/index.js';
import { edAgent, standardAgents } from '../support/security/agents.js';
import { sign } from '../support/security/request.signer.js';
import { craft, newNonce, nowSec } from '../support/security/signature.crafter.js';
import { type RawResponse, send } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { sessionRequest } from '../support/wire/session.requests.js';
import { socketExchange } from '../support/wire/socket.client.js';
import { toolCall } from '../support/wire/stateless.requests.js';
import { cloneRequest, jsonPost, type WireRequest } from '../support/wire/wire.request.js';
import {
  expectCallUnauthorized,
  expectMalformedSignature,
  expectResult,
  expectRpcError,
  expectUnauthorized,
} from '../support/security/expect-wire.js';
import { refused } from '../support/security/expect-wire.js';
import { ProbeTools } from '../support/security/probe.tools.js';
import { secureAppModule, startSecureApp } from '../support/security/secure-app.js';
import { useSecureApp } from '../support/security/secure-app.fixture.js';
import { computeContentDigest } from '../../src/mcp/security/signature/content-digest.checker.js';

const s = useSecureApp({ manyFailures: true });

const writeCall = (text = 'x') => toolCall('probe_write', { text });
const crafted = (
  req: WireRequest,
  spec: Parameters<typeof craft>[3] = {},
  agent = s.agents.writer,
) => craft(agent, req, s.publicBaseUrl, spec);

/** Replaces the value of one parameter inside the Signature-Input text (for invalid SF values). */
function editInput(req: WireRequest, from: RegExp, to: string): WireRequest {
  const input = req.headers['signature-input'] as string;
  expect(input).toMatch(from);
  return cloneRequest(req, {
    headers: { ...req.headers, 'signature-input': input.replace(from, to) },
  });
}

describe('A. Signature verification (end to end, real server on 127.0.0.1)', () => {
  it('A1 write tool without a signature (anonymous allowed) → 401 + challenge; handler not called', async () => {
    const res = await s.refused(writeCall(), (r) => expectCallUnauthorized(r));
    expect(res.json().id).toBe(1);
  });

  it('A2 public read tool without a signature → 200; with allowAnonymous:false → 401', async () => {
    expect(expectResult(await s.send(toolCall('probe_read', { text: 'hi' }))).content).toEqual([
      { type: 'text', text: 'read hi' },
    ]);
    const strict = await startSecureApp({
      manyFailures: true,
      mcp: { signing: { allowAnonymous: false } },
    });
    try {
      await refused(strict, toolCall('probe_read', { text: 'hi' }), (r) => expectUnauthorized(r));
      // A signed call still works there.
      const ok = await send(
        strict.port,
        sign(strict.agents.reader, toolCall('probe_read'), strict.publicBaseUrl),
      );
      expectResult(ok);
    } finally {
      await strict.close();
    }
  });

  it('A3 ed25519 and hmac-sha256 agents verify end to end (RFC 9421 B.2.5/B.2.6 known answers: src/mcp/security/signature/rfc9421-vectors.spec.ts)', async () => {
    const before = s.probe.count('probe_write');
    expect(expectResult(await s.send(s.sign(writeCall()))).content[0].text).toBe(
      'written by writer',
    );
    expect(expectResult(await s.send(s.sign(writeCall(), s.agents.mac))).content[0].text).toBe(
      'written by ci',
    );
    expect(s.probe.count('probe_write')).toBe(before + 2);
  });

  it('A4 Signature-Input without Signature, and the reverse → 400 invalid_request (not anonymous)', async () => {
    const req = s.sign(toolCall('probe_read'));
    const { signature, ...noSig } = req.headers;
    const { ['signature-input']: input, ...noInput } = req.headers;
    expect(signature && input).toBeTruthy();
    await s.refused(cloneRequest(req, { headers: noSig }), (r) => expectMalformedSignature(r));
    await s.refused(cloneRequest(req, { headers: noInput }), (r) => expectMalformedSignature(r));
  });

  it('A5 malformed structured fields → 400, never 500, parse time bounded', async () => {
    const base = crafted(toolCall('probe_read'));
    const sig = base.headers.signature as string;
    const input = base.headers['signature-input'] as string;
    const many = Array.from({ length: 37 }, (_, i) => `"x-h${i}"`).join(' ');
    const cases: Array<[string, string, string]> = [
      ['unterminated quote', 'sig=("@method" "@target-uri);created=1', sig],
      ['non-inner-list member', `sig="@method";created=${nowSec()};keyid="writer.ed"`, sig],
      ['non-base64 signature bytes', input, 'sig=:!!not*base64!!:'],
      ['label in only one header', input, sig.replace(/^sig=/, 'other=')],
      ['5 KB Signature-Input', `${input};x="${'a'.repeat(5 * 1024)}"`, sig],
      ['40 components', input.replace('("@method"', `("@method" ${many}`), sig],
    ];
    for (const [, badInput, badSig] of cases) {
      const started = performance.now();
      await s.refused(
        cloneRequest(base, {
          headers: { ...base.headers, 'signature-input': badInput, signature: badSig },
        }),
        (r) => expectMalformedSignature(r),
      );
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('A6 unknown keyid vs known keyid with a wrong signature → identical 401 bodies; latency gap below 5 ms (median of 40)', async () => {
    const unknown = () => crafted(toolCall('probe_read'), { params: { keyid: 'nobody.ed' } });
    const wrong = () =>
      crafted(toolCall('probe_read'), {
        tamper: (b) => Buffer.from(b.map((x, i) => (i === 0 ? x ^ 1 : x))),
      });
    const a = await s.refused(unknown(), (r) => expectUnauthorized(r));
    const b = await s.refused(wrong(), (r) => expectUnauthorized(r));
    expect(a.body.equals(b.body)).toBe(true);
    expect(a.headers['www-authenticate']).toBe(b.headers['www-authenticate']);
    const times: Record<'unknown' | 'wrong', number[]> = { unknown: [], wrong: [] };
    for (let i = 0; i < 40; i++) {
      for (const kind of ['unknown', 'wrong'] as const) {
        const req = kind === 'unknown' ? unknown() : wrong();
        const started = performance.now();
        const res = await s.send(req);
        times[kind].push(performance.now() - started);
        expect(res.status).toBe(401);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    expect(Math.abs(median(times.unknown) - median(times.wrong))).toBeLessThan(5);
  });

  it('A7 one bit flipped; truncated to 63 bytes (ed25519) / 31 bytes (hmac); empty `::` → 401, no 500', async () => {
    const flip = (b: Buffer) => Buffer.from(b.map((x, i) => (i === 10 ? x ^ 0x01 : x)));
    await s.refused(crafted(writeCall(), { tamper: flip }), (r) => expectUnauthorized(r));
    await s.refused(crafted(writeCall(), { tamper: (b) => b.subarray(0, 63) }), (r) =>
      expectUnauthorized(r),
    );
    await s.refused(crafted(writeCall(), { tamper: (b) => b.subarray(0, 31) }, s.agents.mac), (r) =>
      expectUnauthorized(r),
    );
    await s.refused(crafted(writeCall(), { tamper: () => Buffer.alloc(0) }), (r) =>
      expectUnauthorized(r),
    );
  });

  it('A8 key confusion: alg="hmac-sha256" on an ed25519 keyid, HMAC keyed with the public key bytes / PEM → 401', async () => {
    const { writer } = s.agents;
    const rawKey = createSecretKey(writer.publicBytes);
    const pem = createSecretKey(
      Buffer.from(
        (await import('node:crypto'))
          .createPublicKey(writer.key)
          .export({ format: 'pem', type: 'spki' }) as string,
      ),
    );
    for (const key of [rawKey, pem]) {
      for (const alg of ['hmac-sha256', undefined]) {
        await s.refused(
          crafted(writeCall(), { signWith: { alg: 'hmac-sha256', key }, params: { alg } }),
          (r) => expectUnauthorized(r),
        );
      }
    }
  });

  it('A9 alg = rsa-v1_5-sha256 / none / unknown / another profile alg → 401', async () => {
    for (const alg of [
      'rsa-v1_5-sha256',
      'none',
      'x-unknown',
      'ecdsa-p256-sha256',
      'hmac-sha256',
    ]) {
      await s.refused(crafted(writeCall(), { params: { alg } }), (r) => expectUnauthorized(r));
    }
    // Positive control: alg equal to the key's own algorithm is accepted (RFC 9421 §3.2 step 6.4).
    expectResult(await s.send(crafted(writeCall(), { params: { alg: 'ed25519' } })));
  });

  it('A10 missing created; missing nonce; missing tag; tag="web-bot-auth" → 401', async () => {
    for (const params of [
      { created: undefined },
      { nonce: undefined },
      { tag: undefined },
      { tag: 'web-bot-auth' },
    ]) {
      await s.refused(crafted(writeCall(), { params }), (r) => expectUnauthorized(r));
    }
  });

  it('A11 created: now−301 → 401; now+31 → 401; now+29 → 200; 1.5 → 400; "123" → 400; −1 → 401; 1e20 → 400 (not an SF integer) and 999999999999999 → 401', async () => {
    const now = nowSec();
    await s.refused(crafted(toolCall('probe_read'), { params: { created: now - 301 } }), (r) =>
      expectUnauthorized(r),
    );
    await s.refused(crafted(toolCall('probe_read'), { params: { created: now + 31 } }), (r) =>
      expectUnauthorized(r),
    );
    expectResult(await s.send(crafted(toolCall('probe_read'), { params: { created: now + 29 } })));
    await s.refused(crafted(toolCall('probe_read'), { params: { created: 1.5 } }), (r) =>
      expectMalformedSignature(r),
    );
    await s.refused(crafted(toolCall('probe_read'), { params: { created: '123' } }), (r) =>
      expectMalformedSignature(r),
    );
    await s.refused(crafted(toolCall('probe_read'), { params: { created: -1 } }), (r) =>
      expectUnauthorized(r),
    );
    await s.refused(
      editInput(crafted(toolCall('probe_read')), /created=\d+/, 'created=1e20'),
      (r) => expectMalformedSignature(r),
    );
    await s.refused(
      crafted(toolCall('probe_read'), { params: { created: 999_999_999_999_999 } }),
      (r) => expectUnauthorized(r),
    );
  });

  it('A12 expires < now; expires < created; expires = created + 1 day with created 10 min ago → 401 each', async () => {
    const now = nowSec();
    for (const params of [
      { created: now - 100, expires: now - 60 },
      { created: now, expires: now - 1 },
      { created: now - 600, expires: now - 600 + 86_400 },
    ]) {
      await s.refused(crafted(writeCall(), { params }), (r) => expectUnauthorized(r));
    }
    // Positive control: a future expires within the window is fine.
    expectResult(
      await s.send(crafted(writeCall(), { params: { created: now, expires: now + 60 } })),
    );
  });

  it('A13 the identical request replayed within the window → 200 then 401; replayed after the window → 401 (maxAgeSec scaled to 1 s)', async () => {
    const req = s.sign(writeCall());
    expectResult(await s.send(req));
    await s.refused(req, (r) => expectUnauthorized(r));

    const short = await startSecureApp({ manyFailures: true, mcp: { signing: { maxAgeSec: 1 } } });
    try {
      const read = sign(short.agents.writer, toolCall('probe_read'), short.publicBaseUrl);
      expectResult(await send(short.port, read));
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      await refused(short, read, (r) => expectUnauthorized(r));
      // A fresh nonce with the same old `created` is refused too: the window, not only the nonce.
      const old = craft(short.agents.writer, toolCall('probe_read'), short.publicBaseUrl, {
        params: { created: nowSec() - 3 },
      });
      await refused(short, old, (r) => expectUnauthorized(r));
    } finally {
      await short.close();
    }
  });

  it('A14 the same signed request ×50 concurrently across 2 instances sharing one replay store (in-process stand-in for Redis) → exactly 1 × 200, 49 × 401', async () => {
    const replayStore = new MemoryReplayStore();
    const agents = standardAgents();
    const one = await startSecureApp({
      agents,
      manyFailures: true,
      mcp: { signing: { replayStore } },
    });
    const two = await startSecureApp({
      agents,
      manyFailures: true,
      mcp: { signing: { replayStore } },
    });
    try {
      const req = sign(agents.writer, writeCall(), one.publicBaseUrl);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => send((i % 2 ? one : two).port, req)),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((x) => x === 200)).toHaveLength(1);
      expect(statuses.filter((x) => x === 401)).toHaveLength(49);
      expect(one.probe.count('probe_write') + two.probe.count('probe_write')).toBe(1);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('A15 same nonce, different body, new valid signature → 401', async () => {
    const nonce = newNonce();
    expectResult(await s.send(crafted(writeCall('first'), { params: { nonce } })));
    await s.refused(crafted(writeCall('second'), { params: { nonce } }), (r) =>
      expectUnauthorized(r),
    );
  });

  it('A16 coverage too small: (), ("@method"), no @target-uri, no content-digest on POST, no mcp-session-id while present → 401 each', async () => {
    const stateless = ['mcp-protocol-version', 'mcp-method', 'mcp-name'];
    for (const components of [
      [],
      ['@method'],
      ['@method', 'content-digest', ...stateless],
      ['@method', '@target-uri', ...stateless],
    ]) {
      await s.refused(crafted(writeCall(), { components }), (r) => expectUnauthorized(r));
    }
    const withSid = writeCall();
    withSid.headers['mcp-session-id'] = 'some-session';
    await s.refused(
      crafted(withSid, { components: ['@method', '@target-uri', 'content-digest', ...stateless] }),
      (r) => expectUnauthorized(r),
    );
    // And on a real session: a signature not covering the session id is refused.
    const sid = await openSession(s.url, {
      agent: s.agents.writer,
      publicBaseUrl: s.publicBaseUrl,
    });
    const list = sessionRequest(sid, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await s.refused(
      crafted(list, {
        components: ['@method', '@target-uri', 'content-digest', 'mcp-protocol-version'],
      }),
      (r) => expectUnauthorized(r),
    );
    expectResult(await s.send(s.sign(list)));
  });

  it('A17 body tampered by one byte, Content-Digest kept → 401', async () => {
    const req = s.sign(writeCall('a'));
    const body = Buffer.from(req.body!.toString().replace('"text":"a"', '"text":"b"'));
    expect(body.length).toBe(req.body!.length);
    await s.refused(cloneRequest(req, { body }), (r) => expectUnauthorized(r));
  });

  it('A18 body and Content-Digest changed together (digest covered) → 401', async () => {
    const req = s.sign(writeCall('a'));
    const body = Buffer.from(req.body!.toString().replace('"text":"a"', '"text":"b"'));
    await s.refused(
      cloneRequest(req, {
        body,
        headers: { ...req.headers, 'content-digest': computeContentDigest(body) },
      }),
      (r) => expectUnauthorized(r),
    );
  });

  it('A19 Content-Digest md5= / sha= only → 401; good sha-256 + bogus sha-512 → 401; duplicated line → 400', async () => {
    const b64 = (n: number) => `:${Buffer.alloc(n, 7).toString('base64')}:`;
    for (const contentDigest of [`md5=${b64(16)}`, `sha=${b64(20)}`]) {
      await s.refused(crafted(writeCall(), { contentDigest }), (r) => expectUnauthorized(r));
    }
    const good = computeContentDigest(writeCall().body!);
    await s.refused(crafted(writeCall(), { contentDigest: `${good}, sha-512=${b64(64)}` }), (r) =>
      expectUnauthorized(r),
    );
    const req = s.sign(writeCall());
    await s.refused(
      cloneRequest(req, {
        headers: {
          ...req.headers,
          'content-digest': [req.headers['content-digest'] as string, good],
        },
      }),
      (r) => expectRpcError(r, 400, -32000),
    );
  });

  it('A20 a foreign signature (other label and tag) beside the valid tag="mcp" one, in both orders → 200', async () => {
    const attacker = edAgent('attacker.ed', 'attacker', ['probe:write', 'probe:admin']);
    for (const order of ['foreign-first', 'mcp-first']) {
      const req = writeCall(order);
      const foreign = craft(attacker, req, s.publicBaseUrl, {
        label: 'cdn',
        params: { tag: 'web-bot-auth', keyid: 'attacker.ed' },
      });
      const mine = crafted(req);
      const both =
        order === 'foreign-first'
          ? crafted(req, {
              appendTo: {
                input: foreign.headers['signature-input'] as string,
                signature: foreign.headers.signature as string,
              },
            })
          : craft(attacker, req, s.publicBaseUrl, {
              label: 'cdn',
              params: { tag: 'web-bot-auth', keyid: 'attacker.ed' },
              appendTo: {
                input: mine.headers['signature-input'] as string,
                signature: mine.headers.signature as string,
              },
            });
      expect(both.headers['signature-input']).toMatch(/cdn=.*sig=|sig=.*cdn=/);
      expect(expectResult(await s.send(both)).content[0].text).toBe('written by writer');
    }
  });

  it('A21 two signatures both tagged "mcp" → 400 (ambiguous)', async () => {
    const req = writeCall();
    const first = crafted(req, { label: 'one' });
    const both = crafted(req, {
      label: 'two',
      appendTo: {
        input: first.headers['signature-input'] as string,
        signature: first.headers.signature as string,
      },
    });
    await s.refused(both, (r) => expectMalformedSignature(r));
  });

  it('A22 signed for /mcp, sent as /mcp?x=1, /mcp/, /MCP, //mcp, /%6Dcp → 401 or 404, never 200', async () => {
    for (const path of ['/mcp?x=1', '/mcp/', '/MCP', '//mcp', '/%6Dcp']) {
      const req = s.sign(writeCall(path));
      const res = await s.refused(cloneRequest(req, { path }), () => undefined);
      expect([401, 404], `${path} → ${res.status} ${res.text}`).toContain(res.status);
    }
  });

  it('A23 signed for host A, replayed against host B of the same deployment (other publicBaseUrl) → 401', async () => {
    const b = await startSecureApp({
      manyFailures: true,
      agents: s.agents,
      mcp: { signing: { publicBaseUrl: 'https://b.example.test' } },
    });
    try {
      const forA = s.sign(writeCall());
      await refused(b, forA, (r) => expectUnauthorized(r));
      // Positive control: the same agent signing for B's URL is accepted by B.
      expectResult(await send(b.port, sign(s.agents.writer, writeCall(), b.publicBaseUrl)));
    } finally {
      await b.close();
    }
  });

  it('A24 absolute-form target `POST http://evil/mcp` with a good Host → 400', async () => {
    const req = s.sign(writeCall());
    const body = req.body!.toString();
    const head =
      `POST http://evil.example/mcp HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n` +
      Object.entries(req.headers)
        .map(([k, v]) => `${k}: ${String(v)}\r\n`)
        .join('') +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
    const before = s.probe.total;
    const res = await socketExchange(s.port, head);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: -32000 }, id: null });
    expect(s.probe.total).toBe(before);
  });

  it('A25 a header named `@method` / `@target-uri` → refused by the Node parser (400)', async () => {
    for (const name of ['@method', '@target-uri']) {
      const head =
        `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n${name}: GET\r\n` +
        'Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}';
      const before = s.probe.total;
      const res = await socketExchange(s.port, head);
      expect(res.status).toBe(400);
      expect(s.probe.total).toBe(before);
    }
  });

  it('A26 signature headers stripped from a captured write request → 401; a public read still works, as anonymous only', async () => {
    const strip = (req: WireRequest): WireRequest => {
      const {
        signature,
        ['signature-input']: input,
        ['content-digest']: digest,
        ...rest
      } = req.headers;
      expect(signature && input && digest).toBeTruthy();
      return cloneRequest(req, { headers: rest });
    };
    await s.refused(strip(s.sign(writeCall())), (r) => expectCallUnauthorized(r));
    // The public read answers, but as anonymous; a non-public read refuses the stripped request.
    expect(
      expectResult(await s.send(strip(s.sign(toolCall('probe_read', { text: 'r' }))))).content[0]
        .text,
    ).toBe('read r');
    await s.refused(strip(s.sign(toolCall('probe_agent'))), (r) => expectCallUnauthorized(r));
    expect(expectResult(await s.send(s.sign(toolCall('probe_agent')))).content[0].text).toBe(
      'agent writer',
    );
  });

  it('A27 key lifecycle: retiring before notAfter → 200; after → 401; revoked → 401; the new key → 200; the session follows the principal across its keys', async () => {
    const { retiringValid, retiringExpired, revoked, rotatedNew } = s.agents;
    expect(expectResult(await s.send(s.sign(writeCall(), retiringValid))).content[0].text).toBe(
      'written by rotator',
    );
    await s.refused(s.sign(writeCall(), retiringExpired), (r) => expectUnauthorized(r));
    await s.refused(s.sign(writeCall(), revoked), (r) => expectUnauthorized(r));
    expect(expectResult(await s.send(s.sign(writeCall(), rotatedNew))).content[0].text).toBe(
      'written by rotator',
    );
    const sid = await s.openSession(retiringValid);
    const list = sessionRequest(sid, { jsonrpc: '2.0', id: 3, method: 'tools/list' });
    expectResult(await s.send(s.sign(list, rotatedNew)));
    expectRpcError(await s.send(s.sign(list, s.agents.other)), 404, -32001);
  });

  it('A28 host app whose own body parser consumed the stream before the module (no rawBody) → 500 config error, never a verification of re-serialised JSON', async () => {
    const app = await NestFactory.create(secureAppModule({}, s.agents), {
      logger: false,
      abortOnError: false,
    });
    await app.init();
    const nest = app.getHttpAdapter().getInstance() as (
      req: IncomingMessage,
      res: ServerResponse,
    ) => void;
    // The host's own JSON body parser runs first and consumes the stream (as express.json() would).
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        (req as IncomingMessage & { body?: unknown }).body = JSON.parse(
          Buffer.concat(chunks).toString(),
        ) as unknown;
        nest(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const probe = app.get(ProbeTools);
      const req = s.sign(writeCall());
      const res = await Promise.race([
        send(port, req),
        new Promise<RawResponse>((_, reject) =>
          setTimeout(() => reject(new Error('no answer within 3 s (the request hangs)')), 3_000),
        ),
      ]);
      expectRpcError(res, 500, -32000);
      expect(probe.total).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    }
  });

  it('A29 body with spaces and unusual key order, digest over the raw bytes → 200 (no re-serialisation)', async () => {
    const raw =
      '{ "params" : { "arguments" : { "text" : "spaced" } , "name" : "probe_write",' +
      ' "_meta": {"io.modelcontextprotocol/protocolVersion":"2026-07-28",' +
      ' "io.modelcontextprotocol/clientCapabilities": {} } } ,\n "method" : "tools/call", "id" : 7 , "jsonrpc" : "2.0" }';
    const req = writeCall();
    const res = await s.send(s.sign(cloneRequest(req, { body: Buffer.from(raw) })));
    expect(expectResult(res).content[0].text).toBe('written by writer');
    expect(JSON.stringify(JSON.parse(raw))).not.toBe(raw);
  });
});

// A jsonPost import keeps the helper's raw-body form visible to readers of this file.
void jsonPost;
