import { createPublicKey } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { TestAuthorizationServer } from './authorization-server.js';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSec = (): number => Math.floor(Date.now() / 1000);

/** Claims of a well-formed access token for `resource`, valid for five minutes. */
export function claimsFor(
  as: Pick<TestAuthorizationServer, 'issuer'>,
  resource: string,
  extra: JWTPayload = {},
): JWTPayload {
  const now = nowSec();
  return {
    iss: as.issuer,
    sub: 'forger',
    client_id: 'forger',
    aud: resource,
    scope: 'probe:write',
    iat: now,
    exp: now + 300,
    ...extra,
  };
}

/** Signed with the authorization server's real key and kid (a token it could have issued). */
export function signedByServer(as: TestAuthorizationServer, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: as.publicJwk.kid! })
    .sign(as.privateKey);
}

/** `alg: none`, no signature at all. */
export function unsigned(as: TestAuthorizationServer, claims: JWTPayload): string {
  return `${b64({ alg: 'none', typ: 'at+jwt', kid: as.publicJwk.kid })}.${b64(claims)}.`;
}

/** HS256 keyed with the server's public key (the algorithm-confusion attack). */
export function hmacWithPublicKey(
  as: TestAuthorizationServer,
  claims: JWTPayload,
): Promise<string> {
  const pem = createPublicKey({ key: as.publicJwk as never, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: as.publicJwk.kid! })
    .sign(new TextEncoder().encode(pem));
}

/** The same token with its signature altered. */
export function tampered(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = bytes[0] ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}
