import {
  createHash,
  createSecretKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { serializeInnerList, type InnerList, type Parameters } from 'structured-headers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { McpAgentKey } from '../keys/agent-key.interface.js';
import { StaticKeyStore } from '../keys/static-key.store.js';
import { MemoryReplayStore } from '../replay/memory-replay.store.js';
import type { ReplayStore } from '../replay/replay-store.interface.js';
import { ReplayStoreFullError } from '../replay/replay-store-full.error.js';
import { computeContentDigest } from './content-digest.checker.js';
import { buildSignatureBase } from './signature-base.builder.js';
import { signWithAlg } from './signature.algorithms.js';
import type { McpSigAlg, SignedRequestInput, VerificationResult } from './signature.types.js';
import { SignatureVerifier } from './signature.verifier.js';

const NOW = 1_790_000_000;
const TARGET = 'https://api.example.com/mcp';
const BODY = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"deploy"}}';

const ed = generateKeyPairSync('ed25519');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const hmac = createSecretKey(randomBytes(32));
const signingKeys: Record<McpSigAlg, KeyObject> = {
  ed25519: ed.privateKey,
  'ecdsa-p256-sha256': ec.privateKey,
  'hmac-sha256': hmac,
};

function agentKey(keyid: string, alg: McpSigAlg, extra: Partial<McpAgentKey> = {}): McpAgentKey {
  const key = alg === 'ed25519' ? ed.publicKey : alg === 'hmac-sha256' ? hmac : ec.publicKey;
  return {
    keyid,
    principalId: 'agent-42',
    alg,
    key,
    scopes: ['tools:read'],
    status: 'active',
    ...extra,
  };
}
const at = (sec: number) => new Date(sec * 1000);
const keys = StaticKeyStore.fromKeys([
  agentKey('ed-key', 'ed25519'),
  agentKey('ec-key', 'ecdsa-p256-sha256'),
  agentKey('hmac-key', 'hmac-sha256'),
  agentKey('retiring-key', 'ed25519', { status: 'retiring', notAfter: at(NOW + 100) }),
  agentKey('retired-key', 'ed25519', { status: 'retiring', notAfter: at(NOW - 1) }),
  agentKey('revoked-key', 'ed25519', { status: 'revoked' }),
  agentKey('future-key', 'ed25519', { notBefore: at(NOW + 100) }),
]);

interface SignOptions {
  method?: string;
  targetUri?: string;
  /** The target URI the signer saw, when it differs from the one the server resolves. */
  signedTargetUri?: string;
  body?: string;
  headers?: Record<string, string[]>;
  components?: string[];
  /** Merged over created/keyid/nonce/tag; `undefined` removes a parameter. */
  params?: Record<string, string | number | undefined>;
  alg?: McpSigAlg;
  signingKey?: KeyObject;
  label?: string;
}

const freshNonce = () => randomBytes(16).toString('base64url');

/** A request signed like an agent would, with every knob exposed for the attack cases. */
function signed(o: SignOptions = {}): SignedRequestInput {
  const method = o.method ?? 'POST';
  const rawBody = Buffer.from(o.body ?? BODY);
  const headers: Record<string, string[]> = {
    'content-type': ['application/json'],
    'content-digest': [computeContentDigest(rawBody)],
    ...o.headers,
  };
  const params: Parameters = new Map();
  const merged = { created: NOW, keyid: 'ed-key', nonce: freshNonce(), tag: 'mcp', ...o.params };
  for (const [name, value] of Object.entries(merged))
    if (value !== undefined) params.set(name, value);
  const components = o.components ?? ['@method', '@target-uri', 'content-digest'];
  const innerList: InnerList = [components.map((name) => [name, new Map()]), params];
  const targetUri = o.targetUri ?? TARGET;
  const base = buildSignatureBase(innerList, {
    method,
    targetUri: o.signedTargetUri ?? targetUri,
    headers,
  });
  if (!base.ok) throw new Error(base.reason);
  const alg = o.alg ?? 'ed25519';
  const sig = signWithAlg(alg, o.signingKey ?? signingKeys[alg], Buffer.from(base.base));
  const label = o.label ?? 'sig';
  headers['signature-input'] = [`${label}=${serializeInnerList(innerList)}`];
  headers.signature = [`${label}=:${sig.toString('base64')}:`];
  return { method, targetUri, headers, rawBody };
}

let clock = NOW;
const verifierWith = (replay: ReplayStore = new MemoryReplayStore()) =>
  new SignatureVerifier(keys, replay, { now: () => clock });
let verifier = verifierWith();
beforeEach(() => {
  clock = NOW;
  verifier = verifierWith();
});

function expectStatus(result: VerificationResult, status: 400 | 401 | 503, reason?: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.status).toBe(status);
  expect(result.error).toBe(
    status === 400
      ? 'invalid_request'
      : status === 401
        ? 'invalid_signature'
        : 'temporarily_unavailable',
  );
  if (reason) expect(result.reason).toMatch(reason);
}

async function expectOk(input: SignedRequestInput, opts?: { maxAgeSec?: number }) {
  const result = await verifier.verify(input, opts);
  if (!result.ok || result.anonymous)
    throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result;
}

describe('SignatureVerifier: valid requests', () => {
  it.each(['ed25519', 'ecdsa-p256-sha256', 'hmac-sha256'] as const)(
    'accepts a valid %s signature and returns a frozen agent principal',
    async (alg) => {
      const keyid = { ed25519: 'ed-key', 'ecdsa-p256-sha256': 'ec-key', 'hmac-sha256': 'hmac-key' }[
        alg
      ];
      const result = await expectOk(signed({ alg, params: { keyid } }));
      expect(result.scheme).toBe('signature');
      expect(result.principal).toMatchObject({
        id: 'agent-42',
        kind: 'agent',
        keyid,
        signedAt: NOW,
      });
      expect(Object.isFrozen(result.principal)).toBe(true);
      expect(Object.isFrozen(result.principal.scopes)).toBe(true);
      expect(result.coveredComponents).toEqual(['@method', '@target-uri', 'content-digest']);
    },
  );

  it('treats a request without any signature material as anonymous', async () => {
    expect(await verifier.verify({ method: 'GET', targetUri: TARGET, headers: {} })).toEqual({
      ok: true,
      anonymous: true,
    });
    const bearer = { authorization: ['Bearer abc'] };
    expect(await verifier.verify({ method: 'GET', targetUri: TARGET, headers: bearer })).toEqual({
      ok: true,
      anonymous: true,
    });
  });

  it('accepts a GET without body when content-digest is not covered', async () => {
    const input = signed({ method: 'GET', body: '', components: ['@method', '@target-uri'] });
    delete input.headers['content-digest'];
    expect((await expectOk(input)).coveredComponents).toEqual(['@method', '@target-uri']);
  });

  it('claims the nonce as mcp:rp:<keyid>:<sha256(nonce)> with ttl = (maxAge + skew) s', async () => {
    const claims: [string, number][] = [];
    verifier = verifierWith({ claim: async (key, ttl) => (claims.push([key, ttl]), true) });
    await expectOk(signed({ params: { nonce: 'A'.repeat(22) } }));
    const hash = createHash('sha256').update('A'.repeat(22)).digest('hex');
    expect(claims).toEqual([[`mcp:rp:ed-key:${hash}`, 330_000]]);
  });
});

describe('SignatureVerifier: strict parsing (A4, A5, A21)', () => {
  it('A4 Signature-Input without Signature, and the reverse → 400, never anonymous', async () => {
    const a = signed();
    delete a.headers.signature;
    expectStatus(await verifier.verify(a), 400);
    const b = signed();
    delete b.headers['signature-input'];
    expectStatus(await verifier.verify(b), 400);
  });

  it.each([
    ['unterminated quote', 'sig=("@method" "@target-uri);created=1'],
    ['non-inner-list', 'sig="@method";created=1;tag="mcp"'],
    ['label present in only one header', 'other=("@method");created=1;tag="mcp"'],
  ])('A5 malformed Signature-Input (%s) → 400', async (_case, value) => {
    const input = signed();
    input.headers['signature-input'] = [value];
    expectStatus(await verifier.verify(input), 400);
  });

  it('A5 non-base64 signature bytes → 400', async () => {
    const input = signed();
    input.headers.signature = ['sig=:!!not*base64!!:'];
    expectStatus(await verifier.verify(input), 400);
  });

  it('A5 a 5 KB Signature-Input → 400 (size limit)', async () => {
    const input = signed();
    input.headers['signature-input'][0] += `, pad=("${'a'.repeat(5000)}")`;
    input.headers.signature[0] += ', pad=:AAAA:';
    expectStatus(await verifier.verify(input), 400, /size limit/);
  });

  it('A5 40 covered components → 400 (component limit)', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `x-h${i}`);
    const headers = Object.fromEntries(names.map((name) => [name, ['v']]));
    const components = ['@method', '@target-uri', 'content-digest', ...names];
    expectStatus(await verifier.verify(signed({ headers, components })), 400, /too many/);
  });

  it('A5 a label repeated inside one field, or a field sent on two lines → 400', async () => {
    const input = signed();
    const [si] = input.headers['signature-input'];
    input.headers['signature-input'] = [`${si}, ${si}`];
    input.headers.signature = [`${input.headers.signature[0]}, ${input.headers.signature[0]}`];
    expectStatus(await verifier.verify(input), 400);
    const twoLines = signed();
    twoLines.headers.signature.push(twoLines.headers.signature[0]);
    expectStatus(await verifier.verify(twoLines), 400, /more than one line/);
  });

  it('A21 two signatures both tagged "mcp" → 400 (ambiguous)', async () => {
    const first = signed();
    const second = signed({ label: 'sig2' });
    first.headers['signature-input'][0] += `, ${second.headers['signature-input'][0]}`;
    first.headers.signature[0] += `, ${second.headers.signature[0]}`;
    expectStatus(await verifier.verify(first), 400, /more than one/);
  });

  it('rejects ill-formed parameters as malformed: bad keyid, short nonce, unknown param', async () => {
    expectStatus(await verifier.verify(signed({ params: { keyid: 'a"b' } })), 400, /keyid/);
    expectStatus(await verifier.verify(signed({ params: { nonce: 'short' } })), 400, /nonce/);
    expectStatus(await verifier.verify(signed({ params: { foo: 'x' } })), 400, /unknown/);
  });
});

describe('SignatureVerifier: signature values and keys (A6–A10, A20, A27)', () => {
  it('A6 unknown keyid and a wrong signature give the same public 401', async () => {
    const unknown = await verifier.verify(signed({ params: { keyid: 'nobody' } }));
    const wrong = signed();
    wrong.headers.signature = [`sig=:${randomBytes(64).toString('base64')}:`];
    const bad = await verifier.verify(wrong);
    expectStatus(unknown, 401, /unknown keyid/);
    expectStatus(bad, 401, /does not verify/);
    const publicPart = (r: VerificationResult) => ({ ...r, reason: undefined });
    expect(publicPart(unknown)).toEqual(publicPart(bad));
  });

  it('A7 a flipped bit, a 63-byte, a 31-byte (hmac) and an empty signature → 401', async () => {
    const flipped = signed();
    const sig = Buffer.from(flipped.headers.signature[0].slice(5, -1), 'base64');
    sig[10] ^= 0x04;
    flipped.headers.signature = [`sig=:${sig.toString('base64')}:`];
    expectStatus(await verifier.verify(flipped), 401);
    const truncated = signed();
    truncated.headers.signature = [`sig=:${sig.subarray(0, 63).toString('base64')}:`];
    expectStatus(await verifier.verify(truncated), 401);
    const hmacShort = signed({ alg: 'hmac-sha256', params: { keyid: 'hmac-key' } });
    hmacShort.headers.signature = [`sig=:${randomBytes(31).toString('base64')}:`];
    expectStatus(await verifier.verify(hmacShort), 401);
    const empty = signed();
    empty.headers.signature = ['sig=::'];
    expectStatus(await verifier.verify(empty), 401);
  });

  it('A8 key confusion: HMAC keyed with the ed25519 public key bytes → 401', async () => {
    const der = createSecretKey(ed.publicKey.export({ format: 'der', type: 'spki' }));
    const pem = createSecretKey(Buffer.from(ed.publicKey.export({ format: 'pem', type: 'spki' })));
    for (const signingKey of [der, pem]) {
      const withAlg = { alg: 'hmac-sha256' as const, signingKey, params: { alg: 'hmac-sha256' } };
      expectStatus(await verifier.verify(signed(withAlg)), 401, /alg differs/);
      const withoutAlg = { alg: 'hmac-sha256' as const, signingKey };
      expectStatus(await verifier.verify(signed(withoutAlg)), 401, /does not verify/);
    }
  });

  it.each(['rsa-v1_5-sha256', 'none', 'made-up', 'ecdsa-p256-sha256'])(
    'A9 alg="%s" on an ed25519 key → 401',
    async (alg) => {
      expectStatus(await verifier.verify(signed({ params: { alg } })), 401, /alg differs/);
    },
  );

  it('A9 alg equal to the key algorithm is accepted', async () => {
    await expectOk(signed({ params: { alg: 'ed25519' } }));
  });

  it.each([
    ['missing created', { created: undefined }],
    ['missing nonce', { nonce: undefined }],
    ['missing tag', { tag: undefined }],
    ['tag="web-bot-auth"', { tag: 'web-bot-auth' }],
  ])('A10 %s → 401', async (_case, params) => {
    expectStatus(await verifier.verify(signed({ params })), 401);
  });

  it('A20 a foreign signature next to the mcp one is ignored, in either order', async () => {
    const foreignInput = 'bot=("@authority");created=1;keyid="x";tag="web-bot-auth"';
    const foreignSig = `bot=:${randomBytes(64).toString('base64')}:`;
    for (const foreignFirst of [true, false]) {
      const input = signed();
      const [si, sig] = [input.headers['signature-input'][0], input.headers.signature[0]];
      input.headers['signature-input'] = [
        foreignFirst ? `${foreignInput}, ${si}` : `${si}, ${foreignInput}`,
      ];
      input.headers.signature = [foreignFirst ? `${foreignSig}, ${sig}` : `${sig}, ${foreignSig}`];
      await expectOk(input);
    }
  });

  it('A27 key lifecycle: retiring before notAfter ok; after notAfter, revoked, not yet valid → 401', async () => {
    await expectOk(signed({ params: { keyid: 'retiring-key' } }));
    expectStatus(
      await verifier.verify(signed({ params: { keyid: 'retired-key' } })),
      401,
      /notAfter/,
    );
    expectStatus(
      await verifier.verify(signed({ params: { keyid: 'revoked-key' } })),
      401,
      /revoked/,
    );
    expectStatus(
      await verifier.verify(signed({ params: { keyid: 'future-key' } })),
      401,
      /not yet/,
    );
  });

  it('A27 a new key of the same principal yields the same principal id', async () => {
    const old = await expectOk(signed());
    const rotated = await expectOk(
      signed({ alg: 'ecdsa-p256-sha256', params: { keyid: 'ec-key' } }),
    );
    expect(rotated.principal.id).toBe(old.principal.id);
    expect(rotated.principal.keyid).toBe('ec-key');
  });
});

describe('SignatureVerifier: time windows (A11, A12, per-tool max age)', () => {
  it('A11 created now-301 s → 401; now+31 s → 401; now+29 s → ok', async () => {
    expectStatus(await verifier.verify(signed({ params: { created: NOW - 301 } })), 401, /older/);
    expectStatus(await verifier.verify(signed({ params: { created: NOW + 31 } })), 401, /future/);
    await expectOk(signed({ params: { created: NOW + 29 } }));
  });

  it('A11 created 1.5 → 400; "123" → 400; -1 → 401', async () => {
    expectStatus(await verifier.verify(signed({ params: { created: 1.5 } })), 400);
    expectStatus(await verifier.verify(signed({ params: { created: '123' } })), 400);
    expectStatus(await verifier.verify(signed({ params: { created: -1 } })), 401, /older/);
  });

  it('A11 created 1e20 is not an SF integer → 400; the largest SF integer → 401', async () => {
    const input = signed();
    input.headers['signature-input'] = [
      input.headers['signature-input'][0].replace(/created=\d+/, 'created=1e20'),
    ];
    expectStatus(await verifier.verify(input), 400);
    const huge = signed({ params: { created: 999_999_999_999_999 } });
    expectStatus(await verifier.verify(huge), 401, /future/);
  });

  it('A12 expires < now → 401; expires < created → 401; 1-day expires on a 10-min-old signature → 401', async () => {
    expectStatus(
      await verifier.verify(signed({ params: { created: NOW - 120, expires: NOW - 60 } })),
      401,
      /expired/,
    );
    const backwards = { created: NOW - 10, expires: NOW - 20 };
    expectStatus(await verifier.verify(signed({ params: backwards })), 401, /not after/);
    const longLived = { created: NOW - 600, expires: NOW - 600 + 86_400 };
    expectStatus(await verifier.verify(signed({ params: longLived })), 401, /older/);
    await expectOk(signed({ params: { expires: NOW + 60 } }));
  });

  it('a per-call maxAgeSec override (write tools) tightens the window', async () => {
    const input = () => signed({ params: { created: NOW - 61 } });
    expectStatus(await verifier.verify(input(), { maxAgeSec: 60 }), 401, /older/);
    await expectOk(input());
  });
});

describe('SignatureVerifier: replay (A13, A15)', () => {
  it('A13 the identical request twice → ok then 401; after the window → 401 (expired)', async () => {
    const input = signed();
    await expectOk(input);
    expectStatus(await verifier.verify(input), 401, /nonce already used/);
    clock = NOW + 301;
    verifier = verifierWith();
    expectStatus(await verifier.verify(input), 401, /older/);
  });

  it('A15 the same nonce with another body and a new valid signature → 401', async () => {
    const nonce = freshNonce();
    await expectOk(signed({ params: { nonce } }));
    const other = signed({ params: { nonce }, body: '{"jsonrpc":"2.0","id":2,"method":"ping"}' });
    expectStatus(await verifier.verify(other), 401, /nonce already used/);
  });

  it('claims the nonce only after the signature verifies', async () => {
    const nonce = freshNonce();
    const forged = signed({ params: { nonce } });
    forged.headers.signature = [`sig=:${randomBytes(64).toString('base64')}:`];
    expectStatus(await verifier.verify(forged), 401, /does not verify/);
    await expectOk(signed({ params: { nonce } }));
  });

  it('fails closed with 503 when the replay store throws or is full', async () => {
    verifier = verifierWith({ claim: () => Promise.reject(new Error('redis down')) });
    expectStatus(await verifier.verify(signed()), 503, /replay store/);
    verifier = verifierWith({ claim: () => Promise.reject(new ReplayStoreFullError(1)) });
    expectStatus(await verifier.verify(signed()), 503, /replay store/);
  });

  it('answers 503 when the key store throws', async () => {
    const broken = { findByKeyId: () => Promise.reject(new Error('db down')) };
    verifier = new SignatureVerifier(broken, new MemoryReplayStore(), { now: () => clock });
    expectStatus(await verifier.verify(signed()), 503, /key store/);
  });
});

describe('SignatureVerifier: coverage and body (A16–A19, A22)', () => {
  it.each([
    ['()', []],
    ['("@method")', ['@method']],
    ['missing @target-uri', ['@method', 'content-digest']],
    ['missing content-digest on POST', ['@method', '@target-uri']],
  ])('A16 coverage %s → 401', async (_case, components) => {
    expectStatus(await verifier.verify(signed({ components })), 401, /not covered/);
  });

  it.each([
    'mcp-session-id',
    'mcp-protocol-version',
    'authorization',
    'mcp-method',
    'mcp-name',
    'last-event-id',
  ])('A16 %s present but not covered → 401', async (name) => {
    const input = signed({ headers: { [name]: ['value-1'] } });
    expectStatus(await verifier.verify(input), 401, new RegExp(`"${name}" is not covered`));
    const covered = ['@method', '@target-uri', 'content-digest', name];
    await expectOk(signed({ headers: { [name]: ['value-1'] }, components: covered }));
  });

  it('A16 a covered session id bound to the signature: changing it → 401', async () => {
    const components = ['@method', '@target-uri', 'content-digest', 'mcp-session-id'];
    const input = signed({ headers: { 'mcp-session-id': ['session-a'] }, components });
    input.headers['mcp-session-id'] = ['session-b'];
    expectStatus(await verifier.verify(input), 401, /does not verify/);
  });

  it('A17 one changed body byte with the old Content-Digest → 401 (digest)', async () => {
    const input = signed();
    input.rawBody = Buffer.from(BODY.replace('deploy', 'deplox'));
    expectStatus(await verifier.verify(input), 401, /digest does not match/);
  });

  it('A18 body and Content-Digest changed together → 401 (signature)', async () => {
    const input = signed();
    input.rawBody = Buffer.from(BODY.replace('deploy', 'destroy'));
    input.headers['content-digest'] = [computeContentDigest(input.rawBody)];
    expectStatus(await verifier.verify(input), 401, /does not verify/);
  });

  it('A19 md5-only and sha-only digests → 401; good sha-256 with bogus sha-512 → 401', async () => {
    const b64 = (n: number) => randomBytes(n).toString('base64');
    for (const digest of [`md5=:${b64(16)}:`, `sha=:${b64(20)}:`]) {
      const input = signed({ headers: { 'content-digest': [digest] } });
      expectStatus(await verifier.verify(input), 401, /unsupported digest/);
    }
    const mixed = `${computeContentDigest(Buffer.from(BODY))}, sha-512=:${b64(64)}:`;
    const input = signed({ headers: { 'content-digest': [mixed] } });
    expectStatus(await verifier.verify(input), 401, /sha-512 digest does not match/);
  });

  it('A19 a duplicated Content-Digest line → 400; a missing one on POST → 401', async () => {
    const dup = signed();
    dup.headers['content-digest'].push(dup.headers['content-digest'][0]);
    expectStatus(await verifier.verify(dup), 400, /Content-Digest/);
    const missing = signed();
    delete missing.headers['content-digest'];
    expectStatus(await verifier.verify(missing), 401, /Content-Digest is missing/);
  });

  it('A19 a correct sha-512 digest alone is accepted', async () => {
    const digest = `sha-512=:${createHash('sha512').update(BODY).digest('base64')}:`;
    await expectOk(signed({ headers: { 'content-digest': [digest] } }));
  });

  it.each([
    `${TARGET}?x=1`,
    'https://api.example.com/mcp/',
    'https://api.example.com/MCP',
    'https://api.example.com//mcp',
    'https://api.example.com/%6Dcp',
    'https://other.example.com/mcp',
  ])('A22 signed for /mcp, received as %s → 401', async (targetUri) => {
    const input = signed({ targetUri, signedTargetUri: TARGET });
    expectStatus(await verifier.verify(input), 401, /does not verify/);
  });

  it('derived components come from the input, never from a header named like them', async () => {
    const input = signed({ method: 'POST' });
    input.method = 'DELETE';
    input.headers['@method'] = ['POST'];
    expectStatus(await verifier.verify(input), 401, /does not verify/);
  });
});
