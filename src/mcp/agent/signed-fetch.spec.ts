import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { StaticKeyStore } from '../security/keys/static-key.store.js';
import { MemoryReplayStore } from '../security/replay/memory-replay.store.js';
import type { SignedRequestInput } from '../security/signature/signature.types.js';
import { SignatureVerifier } from '../security/signature/signature.verifier.js';
import { resolveTargetUri } from '../security/signature/target-uri.js';
import { createSignedFetch, type SignedFetchOptions } from './signed-fetch.js';

const ed = generateKeyPairSync('ed25519');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const secret = randomBytes(32);
const jwk = (key: KeyObject) => key.export({ format: 'jwk' });
const keys = StaticKeyStore.fromConfig([
  {
    keyid: 'ed',
    principal: 'agent-1',
    alg: 'ed25519',
    publicKeyJwk: jwk(ed.publicKey),
    scopes: [],
  },
  {
    keyid: 'ec',
    principal: 'agent-1',
    alg: 'ecdsa-p256-sha256',
    publicKeyJwk: jwk(ec.publicKey),
    scopes: [],
  },
  {
    keyid: 'mac',
    principal: 'ci',
    alg: 'hmac-sha256',
    secret: secret.toString('base64url'),
    scopes: [],
  },
]);

interface Sent {
  url: URL;
  init: RequestInit;
}
let sent: Sent[];
let verifier: SignatureVerifier;
beforeEach(() => {
  sent = [];
  verifier = new SignatureVerifier(keys, new MemoryReplayStore(), { acceptMsign: true });
});

/** A capturing stand-in for the network. */
const fakeFetch = (async (url: URL, init: RequestInit) => {
  sent.push({ url, init });
  return new Response(null, { status: 202 });
}) as unknown as typeof fetch;

const signedFetch = (options: Partial<SignedFetchOptions> = {}) =>
  createSignedFetch({
    keyid: 'ed',
    alg: 'ed25519',
    privateKey: ed.privateKey,
    fetch: fakeFetch,
    ...options,
  });

/** What the server would hand the verifier for the request the fake network received. */
function received({ url, init }: Sent, publicBaseUrl?: string): SignedRequestInput {
  const headers: Record<string, string[]> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = [value]));
  const targetUri = publicBaseUrl
    ? resolveTargetUri(publicBaseUrl, url.pathname + url.search)
    : url.href;
  const body = init.body as Uint8Array | undefined;
  return {
    method: init.method!,
    targetUri,
    headers,
    rawBody: body ? Buffer.from(body) : undefined,
  };
}

const MESSAGE = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

describe('createSignedFetch', () => {
  it('round trip: an SDK-style call verifies, and the same request replayed → 401', async () => {
    await signedFetch()('https://api.example.com/mcp', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: MESSAGE,
    });
    const input = received(sent[0]);
    expect(Buffer.from(input.rawBody!).toString()).toBe(MESSAGE);
    expect(input.headers['signature-input'][0]).toMatch(
      /^sig=\("@method" "@target-uri" "content-digest"\);created=\d+;keyid="ed";nonce="[\w-]{43}";tag="mcp"$/,
    );
    expect(await verifier.verify(input)).toMatchObject({
      ok: true,
      keyid: 'ed',
      scheme: 'signature',
    });
    expect(await verifier.verify(input)).toMatchObject({ ok: false, status: 401 });
  });

  it('covers the MCP headers present (Headers object), so moving them breaks the signature', async () => {
    const headers = new Headers({ 'content-type': 'application/json', 'mcp-session-id': 's-1' });
    headers.set('MCP-Protocol-Version', '2025-11-25');
    await signedFetch()(new URL('https://api.example.com/mcp'), {
      method: 'POST',
      headers,
      body: MESSAGE,
    });
    const input = received(sent[0]);
    const result = await verifier.verify(input);
    expect(result).toMatchObject({
      ok: true,
      coveredComponents: [
        '@method',
        '@target-uri',
        'content-digest',
        'mcp-session-id',
        'mcp-protocol-version',
      ],
    });
    const moved = received(sent[0]);
    moved.headers['mcp-session-id'] = ['s-2'];
    expect(await verifier.verify(moved)).toMatchObject({ ok: false, status: 401 });
  });

  it('signs a body-less GET without content-digest and covers last-event-id', async () => {
    await signedFetch()('https://api.example.com/mcp', { headers: { 'Last-Event-ID': 'e-9' } });
    const input = received(sent[0]);
    expect(input.headers['content-digest']).toBeUndefined();
    expect(await verifier.verify(input)).toMatchObject({
      ok: true,
      coveredComponents: ['@method', '@target-uri', 'last-event-id'],
    });
  });

  it('signs the public target URI when the agent reaches the server through another URL', async () => {
    const fetcher = signedFetch({ publicBaseUrl: 'https://api.example.com' });
    await fetcher('http://127.0.0.1:3000/mcp?sessionId=abc', { method: 'POST', body: MESSAGE });
    expect(await verifier.verify(received(sent[0], 'https://api.example.com'))).toMatchObject({
      ok: true,
    });
    expect(await verifier.verify(received(sent[0]))).toMatchObject({ ok: false, status: 401 });
  });

  it.each([
    [
      'ecdsa with a private JWK',
      { keyid: 'ec', alg: 'ecdsa-p256-sha256', privateKey: jwk(ec.privateKey) },
    ],
    [
      'ed25519 with a PEM string',
      { privateKey: ed.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string },
    ],
    [
      'hmac with a base64url secret',
      {
        keyid: 'mac',
        alg: 'hmac-sha256',
        privateKey: undefined,
        secret: secret.toString('base64url'),
      },
    ],
    ['MSign form', { msign: true }],
    ['MSign form with hmac', { keyid: 'mac', alg: 'hmac-sha256', secret, msign: true }],
  ] as const)('round trip: %s', async (_case, options) => {
    await signedFetch(options)('https://api.example.com/mcp', { method: 'POST', body: MESSAGE });
    const result = await verifier.verify(received(sent[0]));
    expect(result).toMatchObject({ ok: true, scheme: 'msign' in options ? 'msign' : 'signature' });
  });

  it('accepts a Request object and keeps its bytes', async () => {
    const request = new Request('https://api.example.com/mcp', { method: 'POST', body: MESSAGE });
    await signedFetch()(request);
    const input = received(sent[0]);
    expect(input.headers['content-type']).toEqual(['text/plain;charset=UTF-8']);
    expect(await verifier.verify(input)).toMatchObject({ ok: true });
  });

  it('works as the fetch of the MCP SDK StreamableHTTPClientTransport', async () => {
    const transport = new StreamableHTTPClientTransport(new URL('https://api.example.com/mcp'), {
      fetch: signedFetch(),
    });
    await transport.start();
    await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await transport.close();
    const input = received(sent[0]);
    expect(input.method).toBe('POST');
    expect(await verifier.verify(input)).toMatchObject({ ok: true, keyid: 'ed' });
  });

  it('refuses keys that do not fit the algorithm, and unsignable bodies', async () => {
    expect(() => signedFetch({ privateKey: undefined })).toThrow(/privateKey/);
    expect(() => signedFetch({ alg: 'ecdsa-p256-sha256' })).toThrow(/does not fit/);
    expect(() => signedFetch({ privateKey: ed.publicKey })).toThrow(/does not fit/);
    expect(() => signedFetch({ alg: 'hmac-sha256', secret: randomBytes(16) })).toThrow(
      /does not fit/,
    );
    expect(() => signedFetch({ keyid: 'bad id' })).toThrow(/keyid/);
    const stream = new ReadableStream({ start: (c) => c.close() });
    await expect(
      signedFetch()('https://x.example/mcp', {
        method: 'POST',
        body: stream,
        duplex: 'half',
      }),
    ).rejects.toThrow(/cannot sign a ReadableStream body/);
    await expect(
      signedFetch({ msign: true })('https://x.example/mcp', {
        headers: { authorization: 'Bearer t' },
      }),
    ).rejects.toThrow(/Authorization/);
    expect(sent).toHaveLength(0);
  });
});
