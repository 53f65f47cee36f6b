import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseDictionary, type InnerList } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { StaticKeyStore } from '../security/keys/static-key.store.js';
import { MemoryReplayStore } from '../security/replay/memory-replay.store.js';
import { computeContentDigest } from '../security/signature/content-digest.checker.js';
import { msignInnerList, msignMessage } from '../security/signature/msign.base.js';
import { buildSignatureBase } from '../security/signature/signature-base.builder.js';
import { acceptSignature, wwwAuthenticate } from '../security/signature/signature-challenge.js';
import { SignatureVerifier } from '../security/signature/signature.verifier.js';
import { RequestSigner } from './request-signer.js';

/** docs/signing.md, the profile agent authors follow: its worked example must be the code's. */
const doc = readFileSync(new URL('../../../docs/signing.md', import.meta.url), 'utf8');

/** The first fenced block after `marker`. */
function blockAfter(marker: string): string {
  const at = doc.indexOf(marker);
  expect(at, `docs/signing.md lost "${marker}"`).toBeGreaterThanOrEqual(0);
  const match = /```[a-z]*\n([\s\S]*?)\n```/.exec(doc.slice(at));
  return match![1];
}

const body = blockAfter('The body, exactly as sent');
const http = blockAfter('so both are covered:').split('\n');
const base = blockAfter('The signature base (six lines');
const headers: Record<string, string[]> = {};
for (const line of http.slice(1)) {
  const colon = line.indexOf(': ');
  headers[line.slice(0, colon).toLowerCase()] = [line.slice(colon + 2)];
}
const targetUri = 'https://api.example.com/mcp';

describe('docs/signing.md worked example', () => {
  it('states the digest and body length of its body', () => {
    expect(Buffer.byteLength(body)).toBe(102);
    expect(doc).toContain('(102 bytes)');
    expect(headers['content-digest']).toEqual([computeContentDigest(Buffer.from(body))]);
  });

  it('shows the base the server builds from its Signature-Input', () => {
    const innerList = parseDictionary(headers['signature-input'][0]).get('sig') as InnerList;
    expect(buildSignatureBase(innerList, { method: 'POST', targetUri, headers })).toEqual({
      ok: true,
      base,
    });
  });

  it('shows the MSign base: the same with tag="mcp-msign"', () => {
    const params = parseDictionary(headers['signature-input'][0]).get('sig') as InnerList;
    const { created, keyid, nonce } = Object.fromEntries(params[1]) as {
      created: number;
      keyid: string;
      nonce: string;
    };
    const innerList = msignInnerList({ created, keyid, nonce }, headers);
    const message = msignMessage('POST', targetUri, headers, Buffer.from(body));
    expect(buildSignatureBase(innerList, message)).toEqual({
      ok: true,
      base: base.replace(/tag="mcp"$/, 'tag="mcp-msign"'),
    });
  });

  it('signs like RequestSigner: same components, and its request verifies', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const keyid = 'notes-bot.2026-11';
    const keys = StaticKeyStore.fromConfig([
      {
        keyid,
        principal: 'notes-bot',
        alg: 'ed25519',
        publicKeyJwk: publicKey.export({ format: 'jwk' }),
        scopes: [],
      },
    ]);
    const outgoing = new Headers();
    for (const name of ['content-type', 'accept', 'mcp-session-id', 'mcp-protocol-version'])
      outgoing.set(name, headers[name][0]);
    const signer = new RequestSigner({ keyid, alg: 'ed25519', key: privateKey });
    signer.sign({ method: 'POST', targetUri, headers: outgoing, body: Buffer.from(body) });

    const components = (s: string) => s.slice(0, s.indexOf(';created='));
    expect(components(outgoing.get('signature-input')!)).toBe(
      components(headers['signature-input'][0]),
    );
    const received: Record<string, string[]> = {};
    outgoing.forEach((value, name) => (received[name] = [value]));
    const verifier = new SignatureVerifier(keys, new MemoryReplayStore());
    const result = verifier.verify({
      method: 'POST',
      targetUri,
      headers: received,
      rawBody: Buffer.from(body),
    });
    await expect(result).resolves.toMatchObject({ ok: true, principal: { id: 'notes-bot' } });
  });

  it('shows the challenge of a 401 as the server sends it', () => {
    const challenge = blockAfter('The challenge of a 401 is').split('\n');
    expect(challenge).toEqual([
      `WWW-Authenticate: ${wwwAuthenticate({ error: 'invalid_signature', acceptMsign: true })}`,
      `Accept-Signature: ${acceptSignature()}`,
    ]);
  });
});
