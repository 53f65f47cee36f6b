import { createPublicKey, createSecretKey } from 'node:crypto';
import { parseDictionary, type InnerList } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { computeContentDigest, matchContentDigest } from './content-digest.checker.js';
import { buildSignatureBase } from './signature-base.builder.js';
import { signWithAlg, verifyWithAlg } from './signature.algorithms.js';
import type { SignatureMessage } from './derived-components.js';

// RFC 9421 Appendix B.2: the test request, and the keys of B.1.4 (ed25519) and B.1.5 (HMAC).
const TEST_REQUEST: SignatureMessage = {
  method: 'POST',
  targetUri: 'https://example.com/foo?param=Value&Pet=dog',
  headers: {
    host: ['example.com'],
    date: ['Tue, 20 Apr 2021 02:07:55 GMT'],
    'content-type': ['application/json'],
    'content-digest': [
      'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    ],
    'content-length': ['18'],
  },
};
const TEST_BODY = Buffer.from('{"hello": "world"}');
const ED25519_PUBLIC = createPublicKey({
  key: { kty: 'OKP', crv: 'Ed25519', x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs' },
  format: 'jwk',
});
const SHARED_SECRET = createSecretKey(
  Buffer.from(
    'uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==',
    'base64',
  ),
);

function parseVector(signatureInput: string, signature: string, label: string) {
  const innerList = parseDictionary(signatureInput).get(label) as InnerList;
  const sig = Buffer.from(parseDictionary(signature).get(label)![0] as ArrayBuffer);
  const base = buildSignatureBase(innerList, TEST_REQUEST);
  if (!base.ok) throw new Error(base.reason);
  return { base: base.base, sig };
}

describe('RFC 9421 known-answer vectors (A3)', () => {
  it('A3 B.2.6 ed25519: the base matches the RFC text and the signature verifies', () => {
    const { base, sig } = parseVector(
      'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
      'sig-b26',
    );
    expect(base).toBe(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      ].join('\n'),
    );
    expect(verifyWithAlg('ed25519', ED25519_PUBLIC, Buffer.from(base), sig)).toBe(true);
    sig[0] ^= 1;
    expect(verifyWithAlg('ed25519', ED25519_PUBLIC, Buffer.from(base), sig)).toBe(false);
  });

  it('A3 B.2.5 hmac-sha256: verifies, and signing reproduces the RFC signature exactly', () => {
    const { base, sig } = parseVector(
      'sig-b25=("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"',
      'sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:',
      'sig-b25',
    );
    expect(verifyWithAlg('hmac-sha256', SHARED_SECRET, Buffer.from(base), sig)).toBe(true);
    expect(signWithAlg('hmac-sha256', SHARED_SECRET, Buffer.from(base)).toString('base64')).toBe(
      'pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=',
    );
  });

  it('the B.2 Content-Digest (sha-512) matches the test body', () => {
    const digests = new Map([
      [
        'sha-512' as const,
        Buffer.from(TEST_REQUEST.headers['content-digest'][0].slice(9, -1), 'base64'),
      ],
    ]);
    expect(matchContentDigest(digests, TEST_BODY)).toBeUndefined();
    expect(matchContentDigest(digests, Buffer.from('{"hello": "world!"}'))?.status).toBe(401);
    expect(computeContentDigest(Buffer.alloc(0))).toBe(
      'sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:',
    );
  });
});
