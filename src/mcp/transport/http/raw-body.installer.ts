import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { MCP_MODULE_EXTRAS } from '../../config/mcp.constants.js';
import type { McpModuleExtras } from '../../config/mcp-options.interface.js';
import { RoutePaths } from '../../config/route-paths.js';
import type { McpRawRequest } from './request-body.js';
import { HTTP_SETTINGS, type HttpSettings } from './http-settings.js';
import { edgeRoutes, judgeAtEdge, routerPath, type EdgeRoute } from './edge-routes.js';
import { answerTooLarge } from './payload-too-large.js';
import { BodyTooLargeError, readRawBody } from './raw-body.reader.js';
import { HttpMessages } from './http.messages.js';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
interface FastifyLike {
  addHook(
    name: 'onRequest',
    hook: (
      request: { raw: IncomingMessage; url: string },
      reply: unknown,
      done: (error?: Error) => void,
    ) => void,
  ): void;
  addHook(
    name: 'preParsing',
    hook: (
      request: { raw: IncomingMessage; url: string; method: string },
      reply: unknown,
      payload: Readable,
      done: (error: Error | null, payload?: unknown) => void,
    ) => void,
  ): void;
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string,
    parser: (
      request: unknown,
      payload: unknown,
      done: (error: null, body?: unknown) => void,
    ) => void,
  ): void;
}

/**
 * The Content-Type Fastify sees on the endpoint's POSTs once their bytes are read: its parser
 * parses nothing (the transport parses the real body once), so Fastify neither reads a body
 * again nor runs its JSON parser.
 */
const RAW_READ_TYPE = 'application/x-nest-mcp-read';

interface ExpressLike {
  use(mw: Middleware): void;
  router?: { stack: unknown[] };
  _router?: { stack: unknown[] };
}

/**
 * Reads the endpoint's POST bodies as raw bytes before any body parser runs: signatures
 * digest the exact bytes, sizes are capped while streaming, and compressed bodies are never
 * inflated. Express only: it is placed first in the app's middleware stack. Other adapters
 * (Fastify) hand the transport the raw body their own way.
 */
@Injectable()
export class RawBodyInstaller implements OnModuleInit {
  private readonly logger = new Logger('McpModule');
  private edge?: ReadonlyMap<string, EdgeRoute>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly routes: RoutePaths,
    @Inject(HTTP_SETTINGS) private readonly settings: HttpSettings,
    @Inject(MCP_MODULE_EXTRAS) private readonly extras: McpModuleExtras,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() === 'fastify')
      return this.installFastify(adapter.getInstance<FastifyLike>());
    if (!adapter || adapter.getType() !== 'express') return;
    const app = adapter.getInstance<ExpressLike>();
    const maxBytes = this.settings.maxBodyBytes;
    app.use((req, res, next) => {
      const verdict = judgeAtEdge(req, res, this.edgeRoutes(), this.settings.allowedHosts);
      if (!verdict) return;
      if (req.method !== 'POST' || !verdict.route?.readsBody) return next();
      readRawBody(req, maxBytes).then(
        (body) => {
          (req as McpRawRequest).mcpRawBody = body;
          next();
        },
        (error: Error) => {
          // Too large: answer here, or a later body parser would try to read the rest.
          if (error instanceof BodyTooLargeError) return answerTooLarge(req, res);
          (req as McpRawRequest).mcpBodyError = error;
          next();
        },
      );
    });
    const stack = (app.router ?? app._router)?.stack;
    if (stack) stack.unshift(stack.pop());
    else this.logger.warn(HttpMessages.rawBodyReaderNotFirst());
  }

  /**
   * Fastify parses bodies itself after `preParsing`: the hook keeps the raw bytes for the
   * endpoint and hands Fastify's parser a tiny stand-in, so neither its body limit nor its
   * JSON errors apply to MCP traffic (the transport answers those in JSON-RPC terms). The
   * front-door checks run earlier, in `onRequest`, which Fastify runs for unrouted requests too.
   */
  private installFastify(instance: FastifyLike): void {
    const maxBytes = this.settings.maxBodyBytes;
    // Callback style, as below: no promise per request. A hijacked reply ends Fastify's work.
    instance.addHook('onRequest', (request, reply, done) => {
      const res = (reply as { raw: ServerResponse }).raw;
      if (!judgeAtEdge(request.raw, res, this.edgeRoutes(), this.settings.allowedHosts))
        (reply as { hijack(): void }).hijack();
      done();
    });
    // Once per app: every MCP server of the app installs this hook set.
    if (!instance.hasContentTypeParser(RAW_READ_TYPE))
      instance.addContentTypeParser(RAW_READ_TYPE, (_request, _payload, done) => done(null));
    // Callback style: one promise fewer per request than an async hook.
    instance.addHook('preParsing', (request, _reply, payload, done) => {
      const path = routerPath(request.url);
      if (request.method !== 'POST' || !(path && this.edgeRoutes().get(path)?.readsBody))
        return done(null, payload);
      const raw = request.raw as McpRawRequest;
      const standIn = (): void => {
        // Fastify would refuse types it has no parser for before the route runs; the
        // transport judges the real Content-Type itself (415 in JSON-RPC terms). Signatures
        // read `headersDistinct`, which keeps the header as received.
        raw.mcpContentType = raw.headers['content-type'] ?? '';
        raw.headers['content-type'] = RAW_READ_TYPE;
        done(null, payload);
      };
      readRawBody(payload as unknown as IncomingMessage, maxBytes).then(
        (body) => {
          raw.mcpRawBody = body;
          standIn();
        },
        (error: Error) => {
          raw.mcpBodyError = error;
          standIn();
        },
      );
    });
  }

  /** The library's routes as the app serves them (resolved on the first request, once routes exist). */
  private edgeRoutes(): ReadonlyMap<string, EdgeRoute> {
    return (this.edge ??= edgeRoutes((path, method) => this.routes.all(path, method), this.extras));
  }
}
