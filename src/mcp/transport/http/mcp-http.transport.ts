import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ALL_VERSIONS, STATELESS_ERA_VERSIONS } from '../../config/mcp.constants.js';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { carriesStatelessEnvelope } from '../../protocol/era.js';
import { parseMessage, type ParsedMessage } from '../../protocol/message.parser.js';
import { McpError } from '../../protocol/mcp.error.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import { McpRateLimiter } from '../../security/rate-limiter.js';
import { RequestAuthenticator } from '../../security/request.authenticator.js';
import { acceptedTypes, hasIdentityEncoding, header, isJsonContentType } from './http-checks.js';
import { preflight } from './http-preflight.js';
import { reject, writeError } from './http-response.writer.js';
import { resolveHttpSettings, type HttpSettings } from './http-settings.js';
import { HttpDrain } from './http-drain.js';
import { contentTypeOf, requestBody } from './request-body.js';
import { SessionHttpHandler } from './session-http.handler.js';
import { StatelessHttpHandler } from './stateless-http.handler.js';

export type { McpRawRequest } from './request-body.js';
import type { McpRawRequest } from './request-body.js';

const JSON_AND_SSE = ['application/json', 'text/event-stream'] as const;
const SSE_ONLY = ['text/event-stream'] as const;

/**
 * Streamable HTTP: cheap, non-oracular checks first (headers, origin, sizes), one JSON parse,
 * then the era is chosen per message and the matching handler answers on Node's own objects.
 */
@Injectable()
export class McpHttpTransport {
  readonly settings: HttpSettings;

  constructor(
    @Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions,
    private readonly session: SessionHttpHandler,
    private readonly stateless: StatelessHttpHandler,
    private readonly auth: RequestAuthenticator,
    private readonly limiter: McpRateLimiter,
    private readonly drain: HttpDrain,
  ) {
    this.settings = resolveHttpSettings(options);
  }

  /** A store that fails (Redis down) answers 503 + Retry-After: never a 500, never a hang. */
  async post(req: McpRawRequest, res: ServerResponse): Promise<void> {
    const done = this.drain.admit(res);
    if (!done) return;
    try {
      await this.handlePost(req, res);
    } catch (error) {
      answerFailure(res, error);
    } finally {
      done();
    }
  }

  async get(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.drain.isClosing) return void this.drain.admit(res);
    return failClosed(res, () => this.handleGet(req, res));
  }

  async delete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.drain.isClosing) return void this.drain.admit(res);
    return failClosed(res, () => this.handleDelete(req, res));
  }

  private async handlePost(req: McpRawRequest, res: ServerResponse): Promise<void> {
    if (!preflight(req, res, this.settings)) return;
    if (!hasIdentityEncoding(req))
      return reject(res, 415, 'Unsupported Media Type: Content-Encoding must be identity');
    if (!isJsonContentType(contentTypeOf(req)))
      return reject(res, 415, 'Unsupported Media Type: Content-Type must be application/json');
    if (acceptedTypes(req, JSON_AND_SSE).length < 2)
      return reject(
        res,
        406,
        'Not Acceptable: Accept must include application/json and text/event-stream',
      );
    const body = await requestBody(req, res, this.settings.maxBodyBytes);
    if (!body) return;
    // Looked up while the request is authenticated: with Redis, both travel in one round trip.
    const pending = this.session.prefetch(req);
    const principal = await this.authenticate(req, res, body);
    if (!principal) return;
    const outcome = parseMessage(body);
    if (!('parsed' in outcome)) return writeError(res, 400, outcome.error, outcome.id);
    const { parsed } = outcome;
    if (this.isStateless(req, parsed))
      return this.stateless.post(req, res, parsed, principal, this.settings);
    const version = header(req, 'mcp-protocol-version');
    if (version !== undefined && !(ALL_VERSIONS as readonly string[]).includes(version)) {
      return reject(
        res,
        400,
        `Bad Request: Unsupported protocol version ${version} (supported: ${ALL_VERSIONS.join(', ')})`,
      );
    }
    return this.session.post(req, res, parsed, principal, this.settings, pending);
  }

  private async handleGet(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!preflight(req, res, this.settings)) return;
    if (!this.settings.getStream || this.statelessHeader(req))
      return reject(res, 405, 'Method Not Allowed', { allow: 'POST, DELETE' });
    if (!acceptedTypes(req, SSE_ONLY).length)
      return reject(res, 406, 'Not Acceptable: Accept must include text/event-stream');
    const principal = await this.authenticate(req, res);
    if (principal) await this.session.get(req, res, principal, this.settings);
  }

  private async handleDelete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!preflight(req, res, this.settings)) return;
    if (this.statelessHeader(req)) return reject(res, 405, 'Method Not Allowed', { allow: 'POST' });
    const principal = await this.authenticate(req, res);
    if (principal) await this.session.delete(req, res, principal);
  }

  /** Any other method on the endpoint. */
  notAllowed(res: ServerResponse): void {
    reject(res, 405, 'Method Not Allowed', {
      allow: this.settings.getStream ? 'GET, POST, DELETE' : 'POST, DELETE',
    });
  }

  /** The stateless era is chosen by the request's own envelope (or its version header). */
  private isStateless(req: IncomingMessage, parsed: ParsedMessage): boolean {
    if (parsed.kind === 'response') return false;
    if (carriesStatelessEnvelope(parsed) || this.statelessHeader(req)) return true;
    return (
      parsed.message.method === 'server/discover' && header(req, 'mcp-session-id') === undefined
    );
  }

  private statelessHeader(req: IncomingMessage): boolean {
    return (STATELESS_ERA_VERSIONS as readonly string[]).includes(
      header(req, 'mcp-protocol-version') ?? '',
    );
  }

  /** The request's principal, or undefined once a 400/401/503 has been written. */
  async authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    body?: Buffer,
  ): Promise<McpPrincipal | undefined> {
    let principal: McpPrincipal;
    try {
      await this.limiter.preAuth(req);
      try {
        principal = await this.auth.authenticate(req, body);
      } catch (error) {
        // A failed verification counts against the address (400/401, not a store outage).
        const status = (error as McpError).httpStatus ?? 401;
        throw (
          (status === 400 || status === 401 ? await this.limiter.authFailed(req) : error) ?? error
        );
      }
      await this.limiter.principal(req, principal);
      return principal;
    } catch (error) {
      const e = error as McpError;
      writeError(res, e.httpStatus ?? 401, e, null, e.headers);
      return undefined;
    }
  }
}

/** Runs a handler; an McpError with an HTTP status (a store that is down: 503) is answered. */
export async function failClosed(res: ServerResponse, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    answerFailure(res, error);
  }
}

/** {@link failClosed}'s answer to a handler's failure; anything without an HTTP status is rethrown. */
function answerFailure(res: ServerResponse, error: unknown): void {
  if (!(error instanceof McpError) || error.httpStatus === undefined) throw error;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeError(res, error.httpStatus, error, null, error.headers);
}
