import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ALL_VERSIONS } from '../../config/mcp.constants.js';
import { eraOf, isStatelessVersion } from '../../protocol/era.js';
import { parseMessage } from '../../protocol/message.parser.js';
import { acceptedTypes, hasIdentityEncoding, header, isJsonContentType } from './http-checks.js';
import { preflight } from './http-preflight.js';
import { reject, writeError } from './http-response.writer.js';
import { HTTP_SETTINGS, type HttpSettings } from './http-settings.js';
import { HttpAuthGate } from './http-auth.gate.js';
import { answerFailure, failClosed } from './fail-closed.js';
import { HttpDrain } from './http-drain.js';
import { contentTypeOf, requestBody } from './request-body.js';
import { SessionHttpHandler } from './session-http.handler.js';
import { StatelessHttpHandler } from './stateless-http.handler.js';

export type { McpRawRequest } from './request-body.js';
import type { McpRawRequest } from './request-body.js';
import { HttpMessages } from './http.messages.js';

const JSON_AND_SSE = ['application/json', 'text/event-stream'] as const;
const SSE_ONLY = ['text/event-stream'] as const;

/**
 * Streamable HTTP: cheap, non-oracular checks first (headers, origin, sizes), one JSON parse,
 * then the era is chosen per message and the matching handler answers on Node's own objects.
 */
@Injectable()
export class McpHttpTransport {
  constructor(
    @Inject(HTTP_SETTINGS) private readonly settings: HttpSettings,
    private readonly session: SessionHttpHandler,
    private readonly stateless: StatelessHttpHandler,
    private readonly gate: HttpAuthGate,
    private readonly drain: HttpDrain,
  ) {}

  /** A store that fails (Redis down) answers 503 + Retry-After: never a 500, never a hang. */
  async post(req: McpRawRequest, res: ServerResponse): Promise<void> {
    const done = this.drain.admit(res);
    if (!done) return;
    // failClosed's work, inline on the hot path: a closure and a promise fewer per call.
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
      return reject(res, 415, HttpMessages.contentEncodingNotIdentity());
    if (!isJsonContentType(contentTypeOf(req)))
      return reject(res, 415, HttpMessages.contentTypeNotJson());
    if (acceptedTypes(req, JSON_AND_SSE).length < 2)
      return reject(res, 406, HttpMessages.acceptJsonAndSse());
    const body = await requestBody(req, res, this.settings.maxBodyBytes);
    if (!body) return;
    // Looked up while the request is authenticated: with Redis, both travel in one round trip.
    const pending = this.session.prefetch(req);
    const principal = await this.gate.authenticate(req, res, body);
    if (!principal) return;
    const outcome = parseMessage(body);
    if (!('parsed' in outcome)) return writeError(res, 400, outcome.error, outcome.id);
    const { parsed } = outcome;
    const era = eraOf(parsed, {
      versionHeader: header(req, 'mcp-protocol-version'),
      inSession: header(req, 'mcp-session-id') !== undefined,
    });
    if (era === 'stateless') return this.stateless.post(req, res, parsed, principal, this.settings);
    const version = header(req, 'mcp-protocol-version');
    if (version !== undefined && !(ALL_VERSIONS as readonly string[]).includes(version)) {
      return reject(res, 400, HttpMessages.unsupportedProtocolVersion(version, ALL_VERSIONS));
    }
    return this.session.post(req, res, parsed, principal, this.settings, pending);
  }

  private async handleGet(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!preflight(req, res, this.settings)) return;
    if (!this.settings.getStream || this.statelessHeader(req))
      return reject(res, 405, HttpMessages.methodNotAllowed(), { allow: 'POST, DELETE' });
    if (!acceptedTypes(req, SSE_ONLY).length) return reject(res, 406, HttpMessages.acceptSse());
    const principal = await this.gate.authenticate(req, res);
    if (principal) await this.session.get(req, res, principal, this.settings);
  }

  private async handleDelete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!preflight(req, res, this.settings)) return;
    if (this.statelessHeader(req))
      return reject(res, 405, HttpMessages.methodNotAllowed(), { allow: 'POST' });
    const principal = await this.gate.authenticate(req, res);
    if (principal) await this.session.delete(req, res, principal);
  }

  /** Any other method on the endpoint. */
  notAllowed(res: ServerResponse): void {
    reject(res, 405, HttpMessages.methodNotAllowed(), {
      allow: this.settings.getStream ? 'GET, POST, DELETE' : 'POST, DELETE',
    });
  }

  private statelessHeader(req: IncomingMessage): boolean {
    return isStatelessVersion(header(req, 'mcp-protocol-version'));
  }
}
