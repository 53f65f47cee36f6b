import { Inject, Injectable, Optional } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions, McpSigningOptions } from '../config/mcp-options.interface.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { CachingKeyStore } from './keys/caching-key.store.js';
import { ANONYMOUS_PRINCIPAL, type McpPrincipal } from './principal.interface.js';
import { MemoryReplayStore } from './replay/memory-replay.store.js';
import { ReplayStore } from './replay/replay-store.interface.js';
import { MessageBus } from '../bus/message-bus.interface.js';
import { SignatureVerifier } from './signature/signature.verifier.js';
import { normalisePublicBaseUrl } from './signature/target-uri.js';
import { logContextOf } from '../logging/log-context.js';
import { McpLogger } from '../logging/mcp.logger.js';
import { BearerAuthenticator } from './oauth/bearer.authenticator.js';
import { InvalidTokenError } from './oauth/invalid-token.error.js';
import { AuthChallenges } from './auth.challenges.js';

const NO_KEYS = { findByKeyId: async () => null };

/**
 * Turns a request's credential (a signature, a bearer token, or none) into a principal, or a
 * 400/401/503 error whose `WWW-Authenticate` lists every scheme that could succeed.
 */
@Injectable()
export class RequestAuthenticator {
  private readonly logger = new McpLogger('McpSignature');
  private readonly verifier: SignatureVerifier;
  private readonly signing?: McpSigningOptions;
  private readonly publicBaseUrl?: string;
  private failureListener?: () => void;

  constructor(
    @Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions,
    private readonly bearer: BearerAuthenticator,
    private readonly challenges: AuthChallenges,
    /** The shared nonce store when the module runs on Redis. */
    @Optional() @Inject(ReplayStore) shared?: ReplayStore | null,
    @Optional() @Inject(MessageBus) bus?: MessageBus,
  ) {
    this.signing = options.signing;
    this.publicBaseUrl = this.signing && normalisePublicBaseUrl(this.signing.publicBaseUrl);
    // A store the app already caches (and can invalidate on revocation) is used as it is.
    const given = this.signing?.keys;
    const keys = !given
      ? NO_KEYS
      : given instanceof CachingKeyStore
        ? given
        : new CachingKeyStore(given);
    // A key revoked or changed through any replica is forgotten here at once.
    if (keys instanceof CachingKeyStore)
      bus?.subscribe((event) => {
        if (event.kind === 'key-invalidated') keys.invalidate(event.keyid);
      });
    this.verifier = new SignatureVerifier(
      keys,
      this.signing?.replayStore ?? shared ?? new MemoryReplayStore(),
      {
        maxAgeSec: this.signing?.maxAgeSec,
        futureSkewSec: this.signing?.futureSkewSec,
        acceptMsign: this.signing?.acceptMsign ?? false,
      },
    );
  }

  /** Whether callers without any credential may use public entries. */
  private get anonymousAllowed(): boolean {
    return this.signing?.allowAnonymous !== false && this.bearer.allowAnonymous;
  }

  /** Called on every failed verification (metrics). */
  onFailure(listener: () => void): void {
    this.failureListener = listener;
  }

  /** The principal of this request; throws an McpError carrying the HTTP status and challenge. */
  async authenticate(req: IncomingMessage, rawBody?: Buffer): Promise<McpPrincipal> {
    // The common case, no signature material at all, skips building the signature input.
    const { headers } = req;
    const signed =
      headers.signature !== undefined ||
      headers['signature-input'] !== undefined ||
      /^\s*msign\b/i.test(headers.authorization ?? '');
    if (this.bearer.enabled) {
      // RFC 6750 §2.3 is not offered: a token in a URL ends up in logs and histories.
      if (this.bearer.tokenInQuery(req))
        throw this.challenges.token(
          'invalid_request',
          'access tokens go in the Authorization header',
        );
      const credential = this.bearer.credentialOf(req);
      if (credential === 'malformed')
        throw this.challenges.token('invalid_request', 'malformed Authorization header', 400);
      if (credential !== 'none') {
        if (signed)
          throw this.challenges.token(
            'invalid_request',
            'send a signature or a token, not both',
            400,
          );
        return this.bearerPrincipal(credential.token, req);
      }
    }
    if (!signed) {
      if (!this.anonymousAllowed) throw this.unsigned(req);
      return ANONYMOUS_PRINCIPAL;
    }
    const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const targetUri =
      this.signing?.targetUriResolver?.(req) ??
      `${this.publicBaseUrl ?? 'http://localhost'}${url.startsWith('/') ? url : `/${url}`}`;
    const result = await this.verifier.verify({
      method: req.method ?? 'GET',
      targetUri,
      headers: req.headersDistinct as Record<string, string[]>,
      rawBody,
    });
    if (result.ok && result.anonymous) {
      if (!this.anonymousAllowed) throw this.unsigned(req);
      return ANONYMOUS_PRINCIPAL;
    }
    if (result.ok) return result.principal;
    this.failureListener?.();
    // The precise reason stays in the server log; clients get one uniform answer per status.
    this.logger.warn(`Rejected signature (${result.status}): ${result.reason}`, logContextOf(req));
    if (result.status === 503) {
      throw new McpError(ErrorCode.Unavailable, 'Service temporarily unavailable', undefined, 503, {
        'retry-after': '5',
      });
    }
    if (result.status === 400)
      throw this.challenges.challenge('invalid_request', 'malformed signature', 400);
    throw this.challenges.challenge('invalid_signature', 'invalid signature');
  }

  /** A request without credentials where every request needs some: refused, with one warn line. */
  private unsigned(req: IncomingMessage): McpError {
    this.logger.warn(
      'Refused a request without credentials (anonymous access is off)',
      logContextOf(req),
    );
    return this.challenges.challenge('invalid_signature', 'credentials required');
  }

  private async bearerPrincipal(token: string, req: IncomingMessage): Promise<McpPrincipal> {
    try {
      return await this.bearer.authenticate(token);
    } catch (error) {
      // Only the reason is logged, never the token. (The failure listener counts signatures.)
      if (error instanceof InvalidTokenError) {
        this.logger.warn(`Rejected bearer token: ${error.message}`, logContextOf(req));
        throw this.challenges.token('invalid_token', 'invalid token');
      }
      this.logger.warn(
        `Could not verify a bearer token: ${(error as Error).message}`,
        logContextOf(req),
      );
      throw new McpError(ErrorCode.Unavailable, 'Service temporarily unavailable', undefined, 503, {
        'retry-after': '5',
      });
    }
  }
}
