import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidTokenError } from './invalid-token.error.js';
import { JwtTokenVerifier } from './jwt-token.verifier.js';

const RESOURCE = 'https://api.example.com/mcp';

interface Key {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } };
}

/**
 * A minimal issuer over real HTTP (RFC 8414 metadata + a JWKS it can rotate), so the
 * verifier's discovery, caching and re-fetching run as they would against a real server.
 */
describe('JwtTokenVerifier: discovery, caching, rotation', () => {
  let server: Server;
  let issuer: string;
  let published: Key[] = [];
  let jwksFetches = 0;
  let metadataFetches = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/oauth-authorization-server') {
        metadataFetches += 1;
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      } else if (req.url === '/jwks') {
        jwksFetches += 1;
        res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const expected = () => ({ issuers: [issuer], audiences: [RESOURCE], clockSkewSec: 30 });
  const tokenFrom = (key: Key, audience = RESOURCE) =>
    new SignJWT({ scope: 'notes:write' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(issuer)
      .setSubject('alice')
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key.privateKey);

  it('discovers the key set once, then serves tokens from the cache; a new kid makes it fetch again', async () => {
    const first = await newKey('k1');
    published = [first];
    const verifier = new JwtTokenVerifier({ jwksCooldownMs: 0 });
    const token = await verifier.verify(await tokenFrom(first), expected());
    expect(token).toMatchObject({ issuer, subject: 'alice', scopes: ['notes:write'] });
    const again = await tokenFrom(first);
    // A token verified once is reused as it is (clients resend the same token every request).
    expect(await verifier.verify(again, expected())).toBe(await verifier.verify(again, expected()));
    expect({ metadataFetches, jwksFetches }).toEqual({ metadataFetches: 1, jwksFetches: 1 });

    // The issuer rotates: the next token names a kid the cached set lacks.
    const second = await newKey('k2');
    published = [second];
    expect((await verifier.verify(await tokenFrom(second), expected())).subject).toBe('alice');
    expect(jwksFetches).toBe(2);
    expect(metadataFetches).toBe(1);
  });

  it('never asks an issuer that is not configured', async () => {
    const key = await newKey('k3');
    published = [key];
    const before = metadataFetches + jwksFetches;
    const verifier = new JwtTokenVerifier();
    const elsewhere = { ...expected(), issuers: ['https://as.example.com'] };
    await expect(verifier.verify(await tokenFrom(key), elsewhere)).rejects.toThrow(
      InvalidTokenError,
    );
    expect(metadataFetches + jwksFetches).toBe(before);
  });

  it('refuses a wrong audience and an algorithm off the allowlist', async () => {
    const key = await newKey('k4');
    published = [key];
    const verifier = new JwtTokenVerifier({ algorithms: ['RS256'] });
    await expect(verifier.verify(await tokenFrom(key), expected())).rejects.toThrow(
      /ERR_JOSE_ALG_NOT_ALLOWED/,
    );
    const es = new JwtTokenVerifier();
    await expect(
      es.verify(await tokenFrom(key, 'https://other.example.com/mcp'), expected()),
    ).rejects.toThrow(InvalidTokenError);
  });
});
