import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import type { McpPrincipal } from '../principal.interface.js';
import { bearerChallenge, type BearerChallengeError } from './bearer-challenge.js';
import { InvalidTokenError } from './invalid-token.error.js';
import type { McpOAuthOptions } from './oauth-options.interface.js';
import { ProtectedResource } from './protected-resource.js';
import { stringsAt } from './token-claims.js';
import {
  TokenVerifier,
  type McpVerifiedToken,
  type TokenExpectations,
} from './token-verifier.interface.js';

const DEFAULT_SKEW_SEC = 30;
// RFC 6750 §2.1: `Bearer` then one b64token (token68).
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** What the `Authorization` header holds, as far as bearer tokens go. */
export type BearerCredential = { token: string } | 'none' | 'malformed';

/**
 * Bearer access tokens (OAuth 2.1 resource server, the MCP authorization spec): reads the token
 * from the `Authorization` header only, has it verified, then enforces issuer, audience
 * (RFC 8707) and times whatever the verifier, and turns it into a `bearer` principal.
 */
@Injectable()
export class BearerAuthenticator {
  private readonly oauth?: McpOAuthOptions;
  private readonly skewSec: number;

  constructor(
    @Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    private readonly resource: ProtectedResource,
  ) {
    this.oauth = options.oauth;
    this.skewSec = options.oauth?.clockSkewSec ?? DEFAULT_SKEW_SEC;
  }

  /** True when bearer tokens are accepted at all (`oauth` configured). */
  get enabled(): boolean {
    return this.oauth !== undefined;
  }

  /** Whether callers without a credential may use public entries. */
  get allowAnonymous(): boolean {
    return this.oauth?.allowAnonymous !== false;
  }

  /** The bearer credential of a request (never read from the query string). */
  credentialOf(req: IncomingMessage): BearerCredential {
    const value = req.headers.authorization;
    if (value === undefined || !/^\s*bearer\b/i.test(value)) return 'none';
    const match = BEARER.exec(value.trim());
    return match ? { token: match[1] } : 'malformed';
  }

  /** Whether the query string carries `access_token` (RFC 6750 §2.3), which is refused unread. */
  tokenInQuery(req: IncomingMessage): boolean {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    return query >= 0 && new URLSearchParams(url.slice(query + 1)).has('access_token');
  }

  /** The principal a token stands for; InvalidTokenError when it must be refused. */
  async authenticate(token: string): Promise<McpPrincipal> {
    const expected = this.expectations();
    const verified = await this.verifier.verify(token, expected);
    this.enforce(verified, expected);
    const oauth = this.oauth!;
    const several = oauth.authorizationServers.length > 1;
    return Object.freeze({
      // Subjects are unique per issuer only: with several issuers the issuer is part of the id.
      id: several ? `${verified.issuer}#${verified.subject}` : verified.subject,
      kind: 'bearer',
      scopes: Object.freeze([...verified.scopes]),
      roles: Object.freeze(stringsAt(verified.claims, oauth.rolesClaim ?? 'roles')),
      clientId: verified.clientId,
      issuer: verified.issuer,
    } satisfies McpPrincipal);
  }

  /**
   * The `Bearer` challenge for a 401/403. A request without a token is told the configured
   * base scopes plus those of the entry it targets, so a client's first token serves both.
   */
  challenge(error?: BearerChallengeError, scope?: readonly string[], description?: string): string {
    const scopes = error ? scope : [...new Set([...(this.oauth?.scopes ?? []), ...(scope ?? [])])];
    return bearerChallenge({
      resourceMetadata: this.resource.metadataUrl,
      error,
      scope: scopes,
      description,
    });
  }

  private expectations(): TokenExpectations {
    return {
      issuers: this.oauth!.authorizationServers,
      audiences: [this.resource.resource, ...(this.oauth!.audiences ?? [])],
      clockSkewSec: this.skewSec,
    };
  }

  /** Enforced for every verifier, the app's own included. */
  private enforce(token: McpVerifiedToken, expected: TokenExpectations): void {
    const now = Date.now() / 1000;
    if (!expected.issuers.includes(token.issuer))
      throw new InvalidTokenError(`issuer ${token.issuer} is not accepted`);
    if (!token.audience.some((aud) => expected.audiences.includes(aud)))
      throw new InvalidTokenError('audience is not this resource');
    if (!Number.isFinite(token.expiresAt) || token.expiresAt + this.skewSec < now)
      throw new InvalidTokenError('expired');
    if (token.notBefore !== undefined && token.notBefore - this.skewSec > now)
      throw new InvalidTokenError('not yet valid');
    if (!token.subject) throw new InvalidTokenError('no subject');
  }
}
