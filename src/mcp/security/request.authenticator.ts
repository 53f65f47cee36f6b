import { Inject, Injectable, Optional } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { MCP_MODULE_OPTIONS } from '../mcp.module-definition.js';
import type { McpModuleOptions, McpSigningOptions } from '../mcp-options.interface.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { CachingKeyStore } from './keys/caching-key.store.js';
import { ANONYMOUS_PRINCIPAL, type McpPrincipal } from './principal.interface.js';
import { MemoryReplayStore } from './replay/memory-replay.store.js';
import { ReplayStore } from './replay/replay-store.interface.js';
import { MessageBus } from '../session/message-bus.interface.js';
import {
  acceptSignature,
  wwwAuthenticate,
  type SignatureChallengeError,
} from './signature/signature-challenge.js';
import { SignatureVerifier } from './signature/signature.verifier.js';
import { normalisePublicBaseUrl } from './signature/target-uri.js';
import { logContextOf } from '../logging/log-context.js';
import { McpLogger } from '../logging/mcp.logger.js';

const NO_KEYS = { findByKeyId: async () => null };

/** Turns a request's signature (or its absence) into a principal, or a 400/401/503 error. */
@Injectable()
export class RequestAuthenticator {
  private readonly logger = new McpLogger('McpSignature');
  private readonly verifier: SignatureVerifier;
  private readonly signing?: McpSigningOptions;
  private readonly publicBaseUrl?: string;
  private failureListener?: () => void;

  constructor(
    @Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions,
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

  /** True when agents can sign at all (signing configured). */
  get enabled(): boolean {
    return this.signing !== undefined;
  }

  /** Called on every failed verification (metrics). */
  onFailure(listener: () => void): void {
    this.failureListener = listener;
  }

  /** The principal of this request; throws an McpError carrying the HTTP status and challenge. */
  async authenticate(req: IncomingMessage, rawBody?: Buffer): Promise<McpPrincipal> {
    // The common case, no signature material at all, skips building the signature input.
    const { headers } = req;
    if (
      headers.signature === undefined &&
      headers['signature-input'] === undefined &&
      !/^\s*msign\b/i.test(headers.authorization ?? '')
    ) {
      if (this.signing?.allowAnonymous === false)
        throw this.challenge('invalid_signature', 'a signature is required');
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
      if (this.signing?.allowAnonymous === false)
        throw this.challenge('invalid_signature', 'a signature is required');
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
    if (result.status === 400) throw this.challenge('invalid_request', 'malformed signature', 400);
    throw this.challenge('invalid_signature', 'invalid signature');
  }

  /** A 401 (or 400/403) with the `WWW-Authenticate` challenge RFC 9110 requires. */
  challenge(
    error: SignatureChallengeError,
    message: string,
    status = 401,
    scope?: readonly string[],
  ): McpError {
    const headers: Record<string, string> = {
      'www-authenticate': wwwAuthenticate({ error, acceptMsign: this.signing?.acceptMsign, scope }),
    };
    if (status === 401) headers['accept-signature'] = acceptSignature();
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
