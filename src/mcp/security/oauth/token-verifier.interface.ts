/** What a verified access token says; the authenticator enforces issuer, audience and times again. */
export interface McpVerifiedToken {
  /** `iss`. */
  issuer: string;
  /** `sub`: who the token speaks for (a user, or the client itself for client credentials). */
  subject: string;
  /** `aud`, always as a list. */
  audience: readonly string[];
  /** `exp`, seconds since the epoch. */
  expiresAt: number;
  /** `nbf`, seconds since the epoch. */
  notBefore?: number;
  /** `client_id` (or `azp`). */
  clientId?: string;
  /** From `scope` (space-separated) or `scp` (string or list). */
  scopes: readonly string[];
  /** Every claim, for roles at a configurable path and for the app's own use. */
  claims: Readonly<Record<string, unknown>>;
}

/** What the authenticator expects of every token (verifiers may use it to fail early). */
export interface TokenExpectations {
  /** Accepted issuers. */
  issuers: readonly string[];
  /** Accepted audiences: the canonical resource URI first. */
  audiences: readonly string[];
  /** Clock skew tolerated, seconds. */
  clockSkewSec: number;
}

/**
 * Verifies bearer access tokens. Resolves what the token says, or rejects with an
 * `InvalidTokenError` (answered 401 `invalid_token`); any other rejection means the verifier
 * could not decide (its authorization server is unreachable) and is answered 503.
 * Bind your own with `oauth.verifier`.
 *
 * @example
 * class PassportVerifier implements TokenVerifier {
 *   async verify(token: string): Promise<McpVerifiedToken> { ... }
 * }
 */
export interface TokenVerifier {
  /** What `token` says, once its signature (or the introspection endpoint) vouches for it. */
  verify(token: string, expected: TokenExpectations): Promise<McpVerifiedToken>;
}

/** Injection token of the module's {@link TokenVerifier}. */
export const TokenVerifier = Symbol('MCP_TOKEN_VERIFIER');
