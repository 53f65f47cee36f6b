import { Inject, Injectable } from '@nestjs/common';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions, McpSigningOptions } from '../config/mcp-options.interface.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { BearerAuthenticator } from './oauth/bearer.authenticator.js';
import type { BearerChallengeError } from './oauth/bearer-challenge.js';
import {
  acceptSignature,
  wwwAuthenticate,
  type SignatureChallengeError,
} from './signature/signature-challenge.js';

/** Extras of a challenge: the scopes a token needs, or a refusal that only a signature can lift. */
export interface ChallengeOptions {
  /** Scopes for the `Bearer` challenge (tokens carry scopes, not roles). */
  bearerScope?: readonly string[];
  /** Offer the `Signature` challenge only (a bearer token cannot satisfy this request). */
  signatureOnly?: boolean;
}

/**
 * The refusals of authentication and authorization (400/401/403), each with the
 * `WWW-Authenticate` challenges of every scheme this server accepts. Shared by the request
 * authenticator (credentials) and the access checker (grants), so both refuse alike.
 */
@Injectable()
export class AuthChallenges {
  private readonly signing?: McpSigningOptions;

  constructor(
    @Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions,
    private readonly bearer: BearerAuthenticator,
  ) {
    this.signing = options.signing;
  }

  /** True when callers can authenticate at all (signing or bearer tokens configured). */
  get enabled(): boolean {
    return this.signing !== undefined || this.bearer.enabled;
  }

  /**
   * A 401 (or 400/403) with the `WWW-Authenticate` challenge RFC 9110 requires: `Bearer` first
   * when tokens are accepted (clients read the first challenge), then `Signature`.
   */
  challenge(
    error: SignatureChallengeError,
    message: string,
    status = 401,
    scope?: readonly string[],
    options: ChallengeOptions = {},
  ): McpError {
    const offerBearer =
      this.bearer.enabled && !options.signatureOnly && error !== 'stale_signature';
    const challenges: string[] = [];
    if (offerBearer) {
      const bearerError = error === 'insufficient_scope' ? 'insufficient_scope' : undefined;
      challenges.push(this.bearer.challenge(bearerError, options.bearerScope ?? scope));
    }
    if (this.signing || !offerBearer)
      challenges.push(wwwAuthenticate({ error, acceptMsign: this.signing?.acceptMsign, scope }));
    const bodyError = this.signing || !offerBearer ? error : bearerErrorOf(error);
    return this.refusal(
      status,
      challenges,
      bodyError,
      message,
      this.signing !== undefined || !offerBearer,
    );
  }

  /** A refused bearer credential: 401 `invalid_token` (or 400 `invalid_request`). */
  token(error: BearerChallengeError, message: string, status = 401): McpError {
    const challenges = [this.bearer.challenge(error, undefined, message)];
    if (this.signing)
      challenges.push(
        wwwAuthenticate({ error: 'invalid_signature', acceptMsign: this.signing.acceptMsign }),
      );
    return this.refusal(status, challenges, error, message, this.signing !== undefined);
  }

  private refusal(
    status: number,
    challenges: string[],
    error: string,
    message: string,
    acceptSignatures: boolean,
  ): McpError {
    const headers: Record<string, string> = { 'www-authenticate': challenges.join(', ') };
    if (status === 401 && acceptSignatures) headers['accept-signature'] = acceptSignature();
    const code =
      status === 403
        ? ErrorCode.Forbidden
        : status === 400
          ? ErrorCode.InvalidSignatureRequest
          : ErrorCode.Unauthorized;
    return new McpError(
      code,
      status === 403 ? 'Forbidden' : 'Unauthorized',
      { error, reason: message },
      status,
      headers,
    );
  }
}

/** The body's `error` when only bearer tokens are offered (RFC 6750 has no code for "no token"). */
function bearerErrorOf(error: SignatureChallengeError): string {
  return error === 'insufficient_scope'
    ? 'insufficient_scope'
    : error === 'invalid_request'
      ? 'invalid_request'
      : 'unauthorized';
}
