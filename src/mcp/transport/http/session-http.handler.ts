import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import type { ParsedMessage } from '../../protocol/message.parser.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { SessionEraAdapter } from '../../protocol/session-era/session-era.adapter.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import { principalKey } from '../../security/principal.key.js';
import { clientKeyOf } from '../../security/rate-limiter.js';
import { EventStore } from '../../session/event-store.interface.js';
import { PendingReplies } from '../../session/pending-replies.js';
import type { McpSession } from '../../session/session.interface.js';
import { SessionStore } from '../../session/session-store.interface.js';
import { ConcurrencyLimiter } from '../../security/concurrency.limiter.js';
import { LazyAbort } from '../../context/lazy-abort.js';
import { answer } from './error-response.js';
import { HttpDrain } from './http-drain.js';
import { keepSessionAlive } from './session-keep-alive.js';
import { reserveStream } from './stream-quota.js';
import { header } from './http-checks.js';
import { reject, writeEmpty, writeError, writeJson } from './http-response.writer.js';
import type { HttpSettings } from './http-settings.js';
import { LiveStreams } from './live-streams.registry.js';
import { McpStream } from './mcp-stream.js';
import { ResponseChannel } from './response.channel.js';
import { SseConnection } from './sse.connection.js';
import { McpTelemetry } from '../../telemetry/mcp-telemetry.service.js';
import { NOT_CANCELLED } from '../../telemetry/mcp-operation.js';

/** ≥128 random bits, base64url: visible ASCII, unguessable, never client-chosen. */
const newId = (): string => randomBytes(18).toString('base64url');
const sessionKeyOf = (session: McpSession): string => `${session.principalId}\u0000${session.id}`;
const notFound = (): McpError =>
  new McpError(ErrorCode.SessionNotFound, 'Session not found', undefined, 404);

/** POST, GET and DELETE in the session era: sessions, resumable streams, client replies. */
@Injectable()
export class SessionHttpHandler implements OnModuleInit, BeforeApplicationShutdown {
  private readonly inFlight = new Map<string, LazyAbort>();
  private unlisten?: () => void;

  constructor(
    private readonly adapter: SessionEraAdapter,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(EventStore) private readonly events: EventStore,
    readonly replies: PendingReplies,
    readonly streams: LiveStreams,
    private readonly concurrency: ConcurrencyLimiter,
    private readonly drain: HttpDrain,
    private readonly telemetry: McpTelemetry,
  ) {}

  /** A session's event logs and streams end with it (deleted or expired). */
  onModuleInit(): void {
    this.unlisten = this.sessions.onEnded?.((session) => this.forget(session));
  }

  private forget(session: McpSession): void {
    void this.events.deleteSession(sessionKeyOf(session));
    this.streams.closeSession(session.id, sessionKeyOf(session));
  }

  /** After calls in flight (or the drain deadline), every stream ends with a `retry:` hint. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unlisten?.();
    await this.drain.drain();
    this.streams.disconnectAll(this.drain.retryMs);
  }

  async post(
    req: IncomingMessage,
    res: ServerResponse,
    parsed: ParsedMessage,
    principal: McpPrincipal,
    settings: HttpSettings,
  ): Promise<void> {
    if (parsed.kind === 'request' && parsed.message.method === 'initialize') {
      // A client-chosen id is never adopted (fixation); re-initializing one's own live session is an error.
      const existing = header(req, 'mcp-session-id');
      const own = existing === undefined ? undefined : await this.sessions.get(existing);
      if (own?.principalId === principalKey(principal)) {
        return writeError(
          res,
          400,
          new McpError(ErrorCode.InvalidRequest, 'The session is already initialized'),
          parsed.message.id,
        );
      }
      const message = parsed.message;
      await this.telemetry.traced(
        () => ({ message, principal, signal: NOT_CANCELLED, http: req }),
        async () => {
          await this.initialize(res, message, principal, clientKeyOf(req, principal));
          return {};
        },
      );
      return;
    }
    const session = await this.lookup(req, res, principal);
    if (!session) return;
    if (parsed.kind === 'response') {
      this.replies.settle(sessionKeyOf(session), parsed.message);
      return writeEmpty(res, 202);
    }
    if (parsed.kind === 'notification') {
      const message = parsed.message;
      await this.telemetry.traced(
        () => ({
          message,
          protocolVersion: session.protocolVersion,
          sessionId: session.id,
          principal,
          signal: NOT_CANCELLED,
          http: req,
        }),
        async () => {
          await this.notification(session, message.method, message.params ?? {});
          return {};
        },
      );
      return writeEmpty(res, 202);
    }
    await this.request(
      req,
      res,
      parsed.message,
      session,
      principal,
      settings,
      clientKeyOf(req, principal),
    );
  }

  async get(
    req: IncomingMessage,
    res: ServerResponse,
    principal: McpPrincipal,
    settings: HttpSettings,
  ): Promise<void> {
    const session = await this.lookup(req, res, principal);
    if (!session || !reserveStream(this.concurrency, req, res, principal)) return;
    const sessionKey = sessionKeyOf(session);
    const lastEventId = header(req, 'last-event-id');
    if (lastEventId !== undefined)
      return this.resume(res, session, principal, lastEventId, settings);
    if (this.streams.getStream(session.id))
      return reject(res, 409, 'This session already has a GET stream open');
    const streamId = `g${newId()}`;
    const connection = new SseConnection(res, settings.sse);
    const primed = this.events
      .openStream(sessionKey, streamId)
      .then((id) => connection.open({ 'mcp-session-id': session.id }, id));
    const stream = new McpStream(connection, { store: this.events, sessionKey, streamId }, primed);
    this.streams.setGetStream(session.id, stream, principal);
    const keepAlive = keepSessionAlive(this.sessions, session.id, settings.sessionKeepAliveMs);
    connection.onClose(() => {
      clearInterval(keepAlive);
      if (this.streams.getStream(session.id) === stream)
        this.streams.setGetStream(session.id, undefined);
    });
    await primed;
  }

  async delete(req: IncomingMessage, res: ServerResponse, principal: McpPrincipal): Promise<void> {
    const session = await this.lookup(req, res, principal);
    if (!session) return;
    await this.sessions.delete(session.id);
    this.forget(session);
    this.telemetry.sessionEnded({ ...session, httpVersion: req.httpVersion });
    writeEmpty(res, 200);
  }

  private async initialize(
    res: ServerResponse,
    message: JsonRpcRequest,
    principal: McpPrincipal,
    quotaKey: string,
  ): Promise<void> {
    const { session, result } = this.adapter.initialize(message.params ?? {}, principal, newId());
    session.quotaKey = quotaKey;
    const created = await this.sessions.create(session);
    if (created !== true) {
      // Over this client's own quota: 429 (its problem); the whole store full: 503.
      const quota = created === 'quota';
      const error = quota
        ? new McpError(ErrorCode.RateLimited, 'Too many sessions for this client')
        : new McpError(ErrorCode.ServerError, 'Too many sessions; retry later');
      return writeError(res, quota ? 429 : 503, error, message.id, {
        'retry-after': quota ? 60 : 5,
      });
    }
    writeJson(
      res,
      200,
      { jsonrpc: '2.0', id: message.id, result },
      { 'mcp-session-id': session.id },
    );
  }

  /** The caller's own live session, or an answer (400/404) already written. */
  private async lookup(
    req: IncomingMessage,
    res: ServerResponse,
    principal: McpPrincipal,
  ): Promise<McpSession | undefined> {
    const id = header(req, 'mcp-session-id');
    if (id === undefined) {
      reject(res, 400, 'Bad Request: Mcp-Session-Id header is required');
      return undefined;
    }
    const session = await this.sessions.get(id);
    // Another principal's session answers exactly like an unknown one: no oracle.
    if (!session || session.principalId !== principalKey(principal)) {
      writeError(res, 404, notFound());
      return undefined;
    }
    return session;
  }

  private async notification(
    session: McpSession,
    method: string,
    params: Record<string, unknown>,
  ): Promise<void> {
    if (method === 'notifications/initialized' && !session.initialized) {
      session.initialized = true;
      await this.sessions.update(session);
    } else if (method === 'notifications/cancelled') {
      this.inFlight.get(`${session.id}\u0000${String(params.requestId)}`)?.abort(params.reason);
    }
  }

  private async request(
    req: IncomingMessage,
    res: ServerResponse,
    message: JsonRpcRequest,
    session: McpSession,
    principal: McpPrincipal,
    settings: HttpSettings,
    clientKey: string,
  ): Promise<void> {
    const sessionKey = sessionKeyOf(session);
    const flightKey = `${session.id}\u0000${String(message.id)}`;
    const abort = new LazyAbort();
    this.inFlight.set(flightKey, abort);
    const keepAlive = keepSessionAlive(this.sessions, session.id, settings.sessionKeepAliveMs);
    let stream: McpStream | undefined;
    const channel = new ResponseChannel(res, {
      sse: settings.sse,
      headers: { 'mcp-session-id': session.id },
      resumable: {
        store: this.events,
        sessionKey,
        newStreamId: () => `r${newId()}`,
        replies: this.replies,
        replyTimeoutMs: settings.replyTimeoutMs,
        onStream: (s) => this.streams.addRequestStream(sessionKey, (stream = s)),
      },
    });
    const { status, response, headers } = await answer(
      message.id,
      () =>
        this.adapter.request(message, session, {
          principal,
          clientKey,
          channel,
          get signal() {
            return abort.signal;
          },
          httpRequest: req,
          save: (s) => this.sessions.update(s),
        }),
      { requestId: String(message.id), sessionId: session.id },
    ).finally(() => this.inFlight.delete(flightKey));
    await channel.complete(response, status, headers).finally(() => clearInterval(keepAlive));
    if (stream) {
      this.streams.removeRequestStream(sessionKey, stream);
      await this.events.finishStream?.(
        sessionKey,
        stream.streamId!,
        settings.finishedStreamGraceMs,
      );
    }
  }

  /** GET with Last-Event-ID: replays what the client missed of that stream, then follows it live. */
  private async resume(
    res: ServerResponse,
    session: McpSession,
    principal: McpPrincipal,
    lastEventId: string,
    settings: HttpSettings,
  ): Promise<void> {
    const match = /^([A-Za-z0-9_-]+)\.\d+$/.exec(lastEventId);
    if (!match) return reject(res, 400, 'Bad Request: malformed Last-Event-ID');
    const sessionKey = sessionKeyOf(session);
    const connection = new SseConnection(res, settings.sse);
    let opened = false;
    const replay = async (): Promise<boolean> => {
      const found = await this.events.replayAfter(sessionKey, lastEventId, (id, message) => {
        if (!opened) connection.open({ 'mcp-session-id': session.id }, undefined);
        opened = true;
        connection.send(message, id);
      });
      if (found !== undefined && !opened) connection.open({ 'mcp-session-id': session.id });
      opened ||= found !== undefined;
      return found !== undefined;
    };
    const live = this.streams.requestStream(sessionKey, match[1]);
    if (live) return live.resume(connection, replay);
    if (!(await replay()))
      return writeError(res, 404, new McpError(ErrorCode.ServerError, 'Unknown Last-Event-ID'));
    if (match[1].startsWith('g') && !this.streams.getStream(session.id)) {
      const stream = new McpStream(connection, {
        store: this.events,
        sessionKey,
        streamId: match[1],
      });
      this.streams.setGetStream(session.id, stream, principal);
      connection.onClose(() => this.streams.setGetStream(session.id, undefined));
      return;
    }
    connection.close();
  }
}
