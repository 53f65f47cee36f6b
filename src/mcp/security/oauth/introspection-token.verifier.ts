import { createHash } from 'node:crypto';
import { fetchAuthorizationServerMetadata } from './authorization-server.metadata.js';
import { InvalidTokenError } from './invalid-token.error.js';
import type { McpIntrospectionOptions } from './oauth-options.interface.js';
import { OAuthMessages } from './oauth.messages.js';
import { verifiedTokenOf } from './token-claims.js';
import type { McpVerifiedToken, TokenVerifier } from './token-verifier.interface.js';

const TIMEOUT_MS = 5000;
/** A refused token is remembered briefly too, so a client retrying it costs no round trip. */
const NEGATIVE_TTL_MS = 5000;

interface Cached {
  until: number;
  token?: McpVerifiedToken;
  reason?: string;
}

/**
 * Opaque access tokens through RFC 7662 introspection, answers cached for a short while
 * (never past the token's `exp`) under a hash of the token, never the token itself.
 */
export class IntrospectionTokenVerifier implements TokenVerifier {
  private readonly cache = new Map<string, Cached>();
  private endpoint?: Promise<string>;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly options: McpIntrospectionOptions,
    /** The authorization server whose metadata names the endpoint (and whose `iss` is assumed). */
    private readonly issuer: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {
    this.ttlMs = options.cacheTtlMs ?? 30_000;
    this.maxEntries = options.maxCacheEntries ?? 10_000;
  }

  async verify(token: string): Promise<McpVerifiedToken> {
    const key = createHash('sha256').update(token).digest('base64url');
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) {
      if (hit.token) return hit.token;
      throw new InvalidTokenError(hit.reason ?? 'inactive');
    }
    try {
      const verified = await this.introspect(token);
      this.remember(key, {
        until: Math.min(now + this.ttlMs, verified.expiresAt * 1000),
        token: verified,
      });
      return verified;
    } catch (error) {
      if (error instanceof InvalidTokenError)
        this.remember(key, { until: now + NEGATIVE_TTL_MS, reason: error.message });
      throw error;
    }
  }

  private async introspect(token: string): Promise<McpVerifiedToken> {
    const endpoint = await this.endpointUrl();
    const basic = `${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(this.options.clientSecret)}`;
    const res = await this.fetchFn(endpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(basic).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // The server could not answer: not the client's fault (503, not 401).
    if (!res.ok) throw new Error(`introspection answered HTTP ${res.status}`);
    const answer = (await res.json()) as Record<string, unknown>;
    if (answer.active !== true) throw new InvalidTokenError('inactive');
    return verifiedTokenOf(answer, this.issuer);
  }

  private endpointUrl(): Promise<string> {
    if (this.options.endpoint) return Promise.resolve(this.options.endpoint);
    this.endpoint ??= fetchAuthorizationServerMetadata(this.issuer, this.fetchFn).then((m) => {
      if (typeof m.introspection_endpoint !== 'string')
        throw new Error(OAuthMessages.noIntrospectionEndpoint(this.issuer));
      return m.introspection_endpoint;
    });
    this.endpoint.catch(() => (this.endpoint = undefined));
    return this.endpoint;
  }

  private remember(key: string, entry: Cached): void {
    if (this.cache.size >= this.maxEntries) {
      // Oldest first (Map keeps insertion order): drop the expired, else the oldest.
      const now = Date.now();
      for (const [k, v] of this.cache) if (v.until <= now) this.cache.delete(k);
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, entry);
  }
}
