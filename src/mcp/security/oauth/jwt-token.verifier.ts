import { createHash } from 'node:crypto';
import { fetchAuthorizationServerMetadata } from './authorization-server.metadata.js';
import { InvalidTokenError } from './invalid-token.error.js';
import { loadJose, type Jose } from './jose.loader.js';
import { OAuthMessages } from './oauth.messages.js';
import { verifiedTokenOf } from './token-claims.js';
import type {
  McpVerifiedToken,
  TokenExpectations,
  TokenVerifier,
} from './token-verifier.interface.js';

type KeySet = ReturnType<Jose['createRemoteJWKSet']>;

/** Asymmetric JWS algorithms only: a symmetric one would let a public key act as a secret. */
export const DEFAULT_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

/** How long a verified token is reused (never past its `exp`), and how many are kept. */
const VERIFIED_TTL_MS = 60_000;
const MAX_VERIFIED = 10_000;

// Failures that say "the authorization server could not be asked", not "the token is bad".
const UNREACHABLE = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

/**
 * Verifies JWT access tokens against their issuer's JWKS (jose, an optional peer): the key set
 * is found through the issuer's metadata, cached, and fetched again when a token names an
 * unknown `kid` (key rotation). Only configured issuers are ever asked. A token verified once
 * is remembered (under its hash) for a minute at most, since clients send the same token on
 * every request and a signature check costs far more than the call it guards.
 */
export class JwtTokenVerifier implements TokenVerifier {
  private readonly keySets = new Map<string, Promise<KeySet>>();
  private readonly verified = new Map<string, { until: number; token: McpVerifiedToken }>();
  private readonly algorithms: string[];
  private readonly fetchFn: typeof fetch;
  private readonly cooldownMs: number;

  constructor(
    options: {
      algorithms?: string[];
      fetch?: typeof fetch;
      /** Least time between two fetches of a key set (default 30 s). */
      jwksCooldownMs?: number;
    } = {},
  ) {
    this.algorithms = options.algorithms ?? DEFAULT_TOKEN_ALGORITHMS;
    this.fetchFn = options.fetch ?? fetch;
    this.cooldownMs = options.jwksCooldownMs ?? 30_000;
  }

  async verify(token: string, expected: TokenExpectations): Promise<McpVerifiedToken> {
    const key = createHash('sha256')
      .update(`${expected.issuers.join(' ')}\n${expected.audiences.join(' ')}\n${token}`)
      .digest('base64url');
    const now = Date.now();
    const hit = this.verified.get(key);
    if (hit && hit.until > now) return hit.token;
    const verified = await this.verifyNow(token, expected);
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    this.verified.set(key, {
      until: Math.min(now + VERIFIED_TTL_MS, verified.expiresAt * 1000),
      token: verified,
    });
    return verified;
  }

  private async verifyNow(token: string, expected: TokenExpectations): Promise<McpVerifiedToken> {
    const lib = await loadJose();
    let issuer: unknown;
    try {
      issuer = lib.decodeJwt(token).iss;
    } catch {
      throw new InvalidTokenError('not a JWT');
    }
    // Checked before any key lookup, so a token cannot make the server fetch from anywhere.
    if (typeof issuer !== 'string' || !expected.issuers.includes(issuer))
      throw new InvalidTokenError(`issuer ${JSON.stringify(issuer)} is not accepted`);
    const keys = await this.keySetOf(issuer, lib);
    try {
      const { payload } = await lib.jwtVerify(token, keys, {
        issuer,
        audience: [...expected.audiences],
        algorithms: this.algorithms,
        clockTolerance: expected.clockSkewSec,
        requiredClaims: ['exp'],
      });
      return verifiedTokenOf(payload);
    } catch (error) {
      if (error instanceof lib.errors.JOSEError && !UNREACHABLE.has(error.code))
        throw new InvalidTokenError(`${error.code}: ${error.message}`);
      throw error;
    }
  }

  private keySetOf(issuer: string, lib: Jose): Promise<KeySet> {
    let keys = this.keySets.get(issuer);
    if (!keys) {
      keys = fetchAuthorizationServerMetadata(issuer, this.fetchFn).then((metadata) => {
        if (typeof metadata.jwks_uri !== 'string')
          throw new Error(OAuthMessages.discoveryFailed(issuer, 'no jwks_uri in its metadata'));
        // jose caches the set and fetches it again on an unknown kid (at most once per cooldown).
        return lib.createRemoteJWKSet(new URL(metadata.jwks_uri), {
          cooldownDuration: this.cooldownMs,
          cacheMaxAge: 10 * 60_000,
        });
      });
      // A failed discovery is retried on the next token rather than remembered.
      keys.catch(() => this.keySets.delete(issuer));
      this.keySets.set(issuer, keys);
    }
    return keys;
  }
}
