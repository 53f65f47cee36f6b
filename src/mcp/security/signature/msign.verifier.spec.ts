import { createSecretKey, generateKeyPairSync, randomBytes, sign, createHmac } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { StaticKeyStore } from '../keys/static-key.store.js';
import { MemoryReplayStore } from '../replay/memory-replay.store.js';
import { computeContentDigest } from './content-digest.checker.js';
import type { SignedRequestInput, VerificationResult } from './signature.types.js';
import { SignatureVerifier } from './signature.verifier.js';

const NOW = 1_790_000_000;
const TARGET = 'https://api.example.com/mcp';
const BODY = '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"deploy"}}';
const ed = generateKeyPairSync('ed25519');
const secret = randomBytes(32);
const keys = StaticKeyStore.fromKeys([
  {
    keyid: 'agent-42.2026-09',
    principalId: 'agent-42',
    alg: 'ed25519',
    key: ed.publicKey,
    scopes: [],
    status: 'active',
  },
  {
    keyid: 'hmac-key',
    principalId: 'ci',
    alg: 'hmac-sha256',
    key: createSecretKey(secret),
    scopes: [],
    status: 'active',
  },
]);

interface MsignOptions {
  keyid?: string;
  body?: string;
  headers?: Record<string, string[]>;
  /** What the signer signed, when a test changes the request afterwards. */
  signedTargetUri?: string;
  signedBody?: string;
}

/**
 * An MSign request whose base is written out by hand from docs/signing.md §5, independently of
 * the library's own MSign base code.
 */
function msign(o: MsignOptions = {}): SignedRequestInput {
  const keyid = o.keyid ?? 'agent-42.2026-09';
  const nonce = randomBytes(16).toString('base64url');
  const headers: Record<string, string[]> = { 'content-type': ['application/json'], ...o.headers };
  const names = ['"@method"', '"@target-uri"', '"content-digest"'];
  const lines = [
    `"@method": POST`,
    `"@target-uri": ${o.signedTargetUri ?? TARGET}`,
    `"content-digest": ${computeContentDigest(Buffer.from(o.signedBody ?? o.body ?? BODY))}`,
  ];
  for (const name of ['mcp-session-id', 'mcp-protocol-version']) {
    if (headers[name]) {
      names.push(`"${name}"`);
      lines.push(`"${name}": ${headers[name][0]}`);
    }
  }
  lines.push(
    `"@signature-params": (${names.join(' ')});created=${NOW};keyid="${keyid}";nonce="${nonce}";tag="mcp-msign"`,
  );
  const base = Buffer.from(lines.join('\n'));
  const sig =
    keyid === 'hmac-key'
      ? createHmac('sha256', secret).update(base).digest()
      : sign(null, base, ed.privateKey);
  const authorization = `MSign keyid="${keyid}", created=${NOW}, nonce="${nonce}", sig=":${sig.toString('base64')}:"`;
  return {
    method: 'POST',
    targetUri: TARGET,
    headers: { ...headers, authorization: [authorization] },
    rawBody: Buffer.from(o.body ?? BODY),
  };
}

let verifier: SignatureVerifier;
const withAuthorization = (value: string): SignedRequestInput => ({
  method: 'POST',
  targetUri: TARGET,
  headers: { authorization: [value] },
  rawBody: Buffer.from(BODY),
});
beforeEach(() => {
  verifier = new SignatureVerifier(keys, new MemoryReplayStore(), {
    acceptMsign: true,
    now: () => NOW,
  });
});

function expectStatus(result: VerificationResult, status: 400 | 401, reason?: RegExp): void {
  expect(result).toMatchObject({ ok: false, status });
  if (reason && !result.ok) expect(result.reason).toMatch(reason);
}

describe('SignatureVerifier: MSign compact form', () => {
  it('B1 a valid MSign request is accepted when enabled', async () => {
    const result = await verifier.verify(msign());
    expect(result).toMatchObject({ ok: true, scheme: 'msign', keyid: 'agent-42.2026-09' });
    if (result.ok && !result.anonymous) {
      expect(result.principal.id).toBe('agent-42');
      expect(result.coveredComponents).toEqual(['@method', '@target-uri', 'content-digest']);
    }
  });

  it('B1 the same request with acceptMsign off → 401 (material not accepted, not anonymous)', async () => {
    verifier = new SignatureVerifier(keys, new MemoryReplayStore(), { now: () => NOW });
    expectStatus(await verifier.verify(msign()), 401, /MSign is not accepted/);
  });

  it('B1 hmac-sha256 (32-byte sig) and session/protocol binding verify', async () => {
    expect((await verifier.verify(msign({ keyid: 'hmac-key' }))).ok).toBe(true);
    const headers = { 'mcp-session-id': ['s-1'], 'mcp-protocol-version': ['2025-11-25'] };
    const bound = msign({ headers });
    expect(await verifier.verify(bound)).toMatchObject({
      ok: true,
      coveredComponents: [
        '@method',
        '@target-uri',
        'content-digest',
        'mcp-session-id',
        'mcp-protocol-version',
      ],
    });
    const moved = msign({ headers });
    moved.headers['mcp-session-id'] = ['s-2'];
    expectStatus(await verifier.verify(moved), 401, /does not verify/);
  });

  it('B1 a replayed MSign request → 401', async () => {
    const input = msign();
    expect((await verifier.verify(input)).ok).toBe(true);
    expectStatus(await verifier.verify(input), 401, /nonce already used/);
  });

  it('B2 MSign together with Signature headers → 400', async () => {
    const input = msign();
    input.headers['signature-input'] = ['sig=("@method");created=1;tag="mcp"'];
    input.headers.signature = ['sig=:AAAA:'];
    expectStatus(await verifier.verify(input), 400, /together/);
  });

  it('B3 two Authorization lines → 400', async () => {
    const input = msign();
    input.headers.authorization.push(msign().headers.authorization[0]);
    expectStatus(await verifier.verify(input), 400, /more than one line/);
  });

  it.each([
    [
      'duplicated param',
      (h: string) => h.replace(`created=${NOW}`, `created=${NOW}, created=${NOW + 1}`),
    ],
    ['unknown param', (h: string) => `${h}, realm="x"`],
    ['missing nonce', (h: string) => h.replace(/nonce="[^"]*", /, '')],
  ])('B4 %s → 400', async (_case, mutate) => {
    const input = msign();
    input.headers.authorization = [mutate(input.headers.authorization[0])];
    expectStatus(await verifier.verify(input), 400, /MSign/);
  });

  it.each([
    '+1790000000',
    '" 1790000000"',
    '0x6AB0D880',
    '1.79e9',
    '１７９００００００００',
    '١٧٩٠٠٠٠٠٠٠',
  ])('B5 created=%s → 400', async (created) => {
    const input = msign();
    input.headers.authorization = [
      input.headers.authorization[0].replace(`created=${NOW}`, `created=${created}`),
    ];
    expectStatus(await verifier.verify(input), 400, /MSign/);
  });

  it.each(['a\\"b', 'a\\\\b', 'a\r\nb', 'agent-é'])('B6 keyid %j → 400', async (keyid) => {
    const input = msign();
    input.headers.authorization = [
      input.headers.authorization[0].replace('keyid="agent-42.2026-09"', `keyid="${keyid}"`),
    ];
    expectStatus(await verifier.verify(input), 400, /MSign/);
  });

  it('B7 an MSign replayed with another query string or body → 401', async () => {
    const query = msign({ signedTargetUri: TARGET });
    query.targetUri = `${TARGET}?sessionId=other`;
    expectStatus(await verifier.verify(query), 401, /does not verify/);
    const body = msign({ signedBody: BODY, body: BODY.replace('deploy', 'destroy') });
    expectStatus(await verifier.verify(body), 401, /does not verify/);
  });

  it('a client-sent Content-Digest must match the body', async () => {
    const good = msign({
      headers: { 'content-digest': [computeContentDigest(Buffer.from(BODY))] },
    });
    expect((await verifier.verify(good)).ok).toBe(true);
    const bad = msign({ headers: { 'content-digest': [computeContentDigest(Buffer.from('x'))] } });
    expectStatus(await verifier.verify(bad), 401, /digest does not match/);
  });

  it('rejects a sig of the wrong size as malformed', async () => {
    const sig = randomBytes(48).toString('base64');
    const header = `MSign keyid="agent-42.2026-09", created=${NOW}, nonce="${'n'.repeat(22)}", sig=":${sig}:"`;
    expectStatus(await verifier.verify(withAuthorization(header)), 400, /32 or 64 bytes/);
  });
});
