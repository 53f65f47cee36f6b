import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { httpSessionIo } from './http-session.io.js';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SessionConnectionCore } from '../../connection/session-connection.core.js';
import type { MessageChannel } from '../../context/message-channel.interface.js';
import type { JsonRpcMessage, JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { parseMessage, type ParsedMessage } from '../../protocol/message.parser.js';
import { SessionEraAdapter } from '../../era/session-era/session-era.adapter.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import { principalKey } from '../../security/principal.key.js';
import { clientKeyOf, type ClientKey } from '../../security/client-key.js';
import type { McpSession } from '../../session/session.interface.js';
import { SessionStore } from '../../session/session-store.interface.js';
import { sessionKeyOf } from '../../session/session-key.js';
import { ConcurrencyLimiter } from '../../security/concurrency.limiter.js';
import { reserveStream } from './stream-quota.js';
import { acceptedTypes, hasIdentityEncoding, isJsonContentType } from './http-checks.js';
import { preflight } from './http-preflight.js';
import { reject, writeEmpty, writeError } from './http-response.writer.js';
import { HttpDrain } from './http-drain.js';
import { failClosed } from './fail-closed.js';
import { HttpAuthGate } from './http-auth.gate.js';
import { HTTP_SETTINGS, type HttpSettings } from './http-settings.js';
import { contentTypeOf, requestBody, type McpRawRequest } from './request-body.js';
import { SseConnection } from './sse.connection.js';
import { McpTelemetry } from '../../telemetry/mcp-telemetry.service.js';
import { sessionOperation } from '../../telemetry/mcp-operation.js';
import { HttpMessages } from './http.messages.js';

interface LegacyStream {
  connection: SseConnection;
  principalId: string;
}

/**
 * The 2024-11-05 HTTP+SSE transport: `GET /sse` opens the stream and names the POST URL in
 * an `endpoint` event; `POST /messages?sessionId=…` is acknowledged with 202 and answered on
 * the stream. The stream is the session: closing it ends the session.
 */
@Injectable()
export class LegacySseTransport implements BeforeApplicationShutdown {
  private readonly streams = new Map<string, LegacyStream>();

  constructor(
    @Inject(HTTP_SETTINGS) private readonly settings: HttpSettings,
    private readonly gate: HttpAuthGate,
    private readonly adapter: SessionEraAdapter,
    private readonly core: SessionConnectionCore,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    private readonly concurrency: ConcurrencyLimiter,
    private readonly drain: HttpDrain,
    private readonly telemetry: McpTelemetry,
  ) {}

  /** After calls in flight are done (or the drain deadline), streams end with a `retry:` hint. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.drain.drain();
    for (const stream of this.streams.values()) stream.connection.close(this.drain.retryMs);
  }

  get openCount(): number {
    return this.streams.size;
  }

  async open(req: IncomingMessage, res: ServerResponse, messagesUrl: string): Promise<void> {
    if (this.drain.isClosing) return void this.drain.admit(res);
    return failClosed(res, () => this.handleOpen(req, res, messagesUrl));
  }

  async message(
    req: McpRawRequest,
    res: ServerResponse,
    sessionId: string | undefined,
  ): Promise<void> {
    return failClosed(res, () => this.handleMessage(req, res, sessionId));
  }

  private async handleOpen(
    req: IncomingMessage,
    res: ServerResponse,
    messagesUrl: string,
  ): Promise<void> {
    const settings = this.settings;
    if (!preflight(req, res, settings)) return;
    if (!acceptedTypes(req, ['text/event-stream']).length)
      return reject(res, 406, HttpMessages.acceptSse());
    const principal = await this.gate.authenticate(req, res);
    if (!principal || !reserveStream(this.concurrency, req, res, principal)) return;
    const sessionId = randomBytes(18).toString('base64url');
    const { session } = this.adapter.initialize({}, principal, sessionId);
    session.protocolVersion = '2024-11-05';
    session.quotaKey = clientKeyOf(req, principal).value;
    const created = await this.sessions.create(session);
    if (created === 'quota')
      return reject(res, 429, HttpMessages.tooManySessionsForClient(), { 'retry-after': 60 });
    if (!created) return reject(res, 503, HttpMessages.tooManySessions(), { 'retry-after': 5 });
    const connection = new SseConnection(res, settings.sse);
    connection.open();
    res.write(`event: endpoint\ndata: ${messagesUrl}?sessionId=${sessionId}\n\n`);
    this.streams.set(sessionId, { connection, principalId: principalKey(principal) });
    connection.onClose(() => {
      this.streams.delete(sessionId);
      void this.sessions.delete(sessionId);
      this.telemetry.sessionEnded({ ...session, httpVersion: req.httpVersion });
    });
  }

  private async handleMessage(
    req: McpRawRequest,
    res: ServerResponse,
    sessionId: string | undefined,
  ): Promise<void> {
    const done = this.drain.admit(res);
    if (!done) return;
    try {
      await this.post(req, res, sessionId);
    } finally {
      done();
    }
  }

  private async post(
    req: McpRawRequest,
    res: ServerResponse,
    sessionId: string | undefined,
  ): Promise<void> {
    const settings = this.settings;
    if (!preflight(req, res, settings)) return;
    if (!hasIdentityEncoding(req))
      return reject(res, 415, HttpMessages.contentEncodingNotIdentity());
    if (!isJsonContentType(contentTypeOf(req)))
      return reject(res, 415, HttpMessages.contentTypeNotJson());
    const body = await requestBody(req, res, settings.maxBodyBytes);
    if (!body) return;
    const principal = await this.gate.authenticate(req, res, body);
    if (!principal) return;
    const stream = sessionId === undefined ? undefined : this.streams.get(sessionId);
    const session =
      stream && sessionId !== undefined ? await this.sessions.get(sessionId) : undefined;
    if (!stream || !session || stream.principalId !== principalKey(principal))
      return writeError(res, 404, SessionConnectionCore.sessionNotFound());
    const outcome = parseMessage(body);
    if (!('parsed' in outcome)) return writeError(res, 400, outcome.error, outcome.id);
    const { parsed } = outcome;
    writeEmpty(res, 202);
    await this.handle(parsed, session, stream, principal, clientKeyOf(req, principal), req);
  }

  private async handle(
    parsed: ParsedMessage,
    session: McpSession,
    stream: LegacyStream,
    principal: McpPrincipal,
    clientKey: ClientKey,
    req: IncomingMessage,
  ): Promise<void> {
    const send = (message: JsonRpcMessage): void => stream.connection.send(message);
    const scope = sessionKeyOf(session);
    if (parsed.kind === 'response') {
      await this.core.reply(scope, parsed.message);
      return;
    }
    if (parsed.kind === 'notification') {
      const notification = parsed.message;
      const params = notification.params ?? {};
      const info = () => sessionOperation(notification, session, principal, req);
      await this.telemetry.traced(info, async () => {
        if (notification.method === 'notifications/cancelled')
          await this.core.cancel(scope, params.requestId, params.reason);
        return {};
      });
      return;
    }
    const message: JsonRpcRequest = parsed.message;
    if (message.method === 'initialize') {
      const info = () => sessionOperation(message, session, principal, req);
      await this.telemetry.traced(info, async () => {
        const { session: fresh, result } = this.adapter.initialize(
          message.params ?? {},
          principal,
          session.id,
        );
        await this.sessions.update({ ...fresh, createdAt: session.createdAt });
        send({ jsonrpc: '2.0', id: message.id, result });
        return {};
      });
      return;
    }
    const channel: MessageChannel = {
      notify: (notification) => send(notification),
      request: (method, params, signal) =>
        this.core.ask(
          scope,
          method,
          params,
          { signal, timeoutMs: this.settings.replyTimeoutMs },
          send,
        ),
    };
    const { response, cancelled } = await this.core.run(scope, message.id, (abort) =>
      this.adapter.request(
        message,
        session,
        httpSessionIo(req, { principal, clientKey }, channel, abort, this.sessions),
      ),
    );
    // The spec: a receiver SHOULD NOT answer a request the client cancelled.
    if (!cancelled) send(response);
  }
}
