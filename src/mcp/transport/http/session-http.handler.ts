import { httpStatusOf } from './http-status.table.js';
import { httpSessionIo } from './http-session.io.js';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SessionConnectionCore } from '../../connection/session-connection.core.js';
import type { JsonRpcMessage, JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import type { ParsedMessage } from '../../protocol/message.parser.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { SessionEraAdapter } from '../../era/session-era/session-era.adapter.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import { principalKey } from '../../security/principal.key.js';
import { clientKeyOf, type ClientKey } from '../../security/client-key.js';
import { EventStore } from '../../session/event-store.interface.js';
import { MessageBus } from '../../bus/message-bus.interface.js';
import type { McpSession } from '../../session/session.interface.js';
import { SessionStore } from '../../session/session-store.interface.js';
import { GET_STREAM_ID, sessionKeyOf } from '../../session/session-key.js';
import { ConcurrencyLimiter } from '../../security/concurrency.limiter.js';
import { SubscriptionGuard } from '../../security/subscription.guard.js';
import { HttpDrain } from './http-drain.js';
import { SessionKeepAlive } from './session-keep-alive.js';
import { reserveStream } from './stream-quota.js';
import { header } from './http-checks.js';
import { reject, writeEmpty, writeError, writeJson } from './http-response.writer.js';
import type { HttpSettings } from './http-settings.js';
import { LiveStreams } from './live-streams.registry.js';
import { ResponseChannel } from './response.channel.js';
import { SseConnection } from './sse.connection.js';
import { StreamFollower } from './stream-follower.js';
import { StreamRelay } from './stream.relay.js';
import { McpTelemetry } from '../../telemetry/mcp-telemetry.service.js';
import { NOT_CANCELLED, sessionOperation } from '../../telemetry/mcp-operation.js';
import { HttpMessages } from './http.messages.js';

/** ≥128 random bits, base64url: visible ASCII, unguessable, never client-chosen. */
const newId = (): string => randomBytes(18).toString('base64url');

/**
 * POST, GET and DELETE in the session era: the Streamable HTTP framing of the session-era
 * connection core. Any replica serves any request of a session; streams are recorded so a
 * client resumes them on any replica.
 */
@Injectable()
export class SessionHttpHandler implements OnModuleInit, BeforeApplicationShutdown {
  private unlisten?: () => void;
  private keepAlive?: SessionKeepAlive;

  constructor(
    private readonly adapter: SessionEraAdapter,
    private readonly core: SessionConnectionCore,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(EventStore) private readonly events: EventStore,
    @Inject(MessageBus) private readonly bus: MessageBus,
    readonly streams: LiveStreams,
    private readonly relay: StreamRelay,
    private readonly concurrency: ConcurrencyLimiter,
    private readonly drain: HttpDrain,
    private readonly guard: SubscriptionGuard,
    private readonly telemetry: McpTelemetry,
  ) {}

  /** A session's event logs and streams end with it (deleted or expired). */
  onModuleInit(): void {
    this.unlisten = this.sessions.onEnded?.((session) => this.forget(session));
  }

  private forget(session: McpSession): void {
    void this.events.deleteSession(sessionKeyOf(session));
    this.streams.closeSession(sessionKeyOf(session));
  }

  /** After calls in flight (or the drain deadline), every stream ends with a `retry:` hint. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unlisten?.();
    await this.drain.drain();
    this.streams.disconnectAll(this.drain.retryMs);
    this.keepAlive?.stop();
  }

  /** One keep-alive timer for every call and stream of this endpoint (made on first use). */
  private keepAliveFor(settings: HttpSettings): SessionKeepAlive {
    return (this.keepAlive ??= new SessionKeepAlive(this.sessions, settings.sessionKeepAliveMs));
  }

  /** Starts reading the request's session (if it names one) before it is authenticated. */
  prefetch(req: IncomingMessage): Promise<McpSession | undefined> | undefined {
    const id = header(req, 'mcp-session-id');
    if (id === undefined) return undefined;
    const pending = this.sessions.get(id);
    pending.catch(() => undefined);
    return pending;
  }

  async post(
    req: IncomingMessage,
    res: ServerResponse,
    parsed: ParsedMessage,
    principal: McpPrincipal,
    settings: HttpSettings,
    /** The session lookup, started early so it travels with the rate-limit hit. */
    pending?: Promise<McpSession | undefined>,
  ): Promise<void> {
    if (parsed.kind === 'request' && parsed.message.method === 'initialize') {
      // A client-chosen id is never adopted (fixation); re-initializing one's own live session is an error.
      const existing = header(req, 'mcp-session-id');
      const own =
        existing === undefined ? undefined : await (pending ?? this.sessions.get(existing));
      if (own?.principalId === principalKey(principal)) {
        return writeError(
          res,
          400,
          new McpError(ErrorCode.InvalidRequest, HttpMessages.sessionAlreadyInitialized()),
          parsed.message.id,
        );
      }
      const message = parsed.message;
      await this.telemetry.traced(
        () => ({ message, principal, signal: NOT_CANCELLED, http: req }),
        async () => {
          await this.initialize(res, message, principal, clientKeyOf(req, principal).value);
          return {};
        },
      );
      return;
    }
    const session = await this.lookup(req, res, principal, pending);
    if (!session) return;
    const scope = sessionKeyOf(session);
    if (parsed.kind === 'response') {
      await this.core.reply(scope, parsed.message);
      return writeEmpty(res, 202);
    }
    if (parsed.kind === 'notification') {
      const message = parsed.message;
      await this.telemetry.traced(
        () => sessionOperation(message, session, principal, req),
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
    if (this.streams.followersOf(sessionKey, GET_STREAM_ID)?.size)
      return reject(res, 409, HttpMessages.getStreamOpen());
    const connection = new SseConnection(res, settings.sse);
    const primingId = await this.events.openStream(sessionKey, GET_STREAM_ID, {
      owner: this.bus.replicaId,
    });
    connection.open({ 'mcp-session-id': session.id }, primingId);
    const follower = new StreamFollower(
      connection,
      this.events,
      sessionKey,
      GET_STREAM_ID,
      primingId,
    );
    follower.filter = this.readPolicy(principal);
    const keepAlive = this.keepAliveFor(settings);
    keepAlive.hold(session.id);
    connection.onClose(() => keepAlive.release(session.id));
    this.streams.follow(follower);
    // Anything recorded between opening the log and following it is written now.
    await follower.catchUp();
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
        ? new McpError(ErrorCode.RateLimited, HttpMessages.tooManySessionsForClient())
        : new McpError(ErrorCode.ServerError, HttpMessages.tooManySessions());
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
    pending?: Promise<McpSession | undefined>,
  ): Promise<McpSession | undefined> {
    const id = header(req, 'mcp-session-id');
    if (id === undefined) {
      reject(res, 400, HttpMessages.sessionIdRequired());
      return undefined;
    }
    const session = await (pending ?? this.sessions.get(id));
    // Another principal's session answers exactly like an unknown one: no oracle.
    if (!session || session.principalId !== principalKey(principal)) {
      writeError(res, 404, SessionConnectionCore.sessionNotFound());
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
      await this.core.cancel(sessionKeyOf(session), params.requestId, params.reason);
    }
  }

  private async request(
    req: IncomingMessage,
    res: ServerResponse,
    message: JsonRpcRequest,
    session: McpSession,
    principal: McpPrincipal,
    settings: HttpSettings,
    clientKey: ClientKey,
  ): Promise<void> {
    const sessionKey = sessionKeyOf(session);
    const keepAlive = this.keepAliveFor(settings);
    keepAlive.hold(session.id);
    let stream: Parameters<LiveStreams['addRequestStream']>[1] | undefined;
    const channel = new ResponseChannel(res, {
      sse: settings.sse,
      headers: { 'mcp-session-id': session.id },
      resumable: () => ({
        store: this.events,
        sessionKey,
        newStreamId: () => `r${newId()}`,
        meta: { owner: this.bus.replicaId, requestId: message.id },
        ask: (method, params, signal, send) =>
          this.core.ask(
            sessionKey,
            method,
            params,
            { signal, timeoutMs: settings.replyTimeoutMs },
            send,
          ),
        announce: (eventId, m) =>
          void this.bus
            .publish({
              kind: 'stream',
              sessionKey,
              streamId: eventId.slice(0, eventId.lastIndexOf('.')),
              eventId,
              message: m,
            })
            .catch(() => undefined),
        onStream: (s) => this.streams.addRequestStream(sessionKey, (stream = s)),
      }),
    });
    const { response, error } = await this.core.run(
      sessionKey,
      message.id,
      (abort) =>
        this.adapter.request(
          message,
          session,
          httpSessionIo(req, { principal, clientKey }, channel, abort, this.sessions),
        ),
      { requestId: String(message.id), sessionId: session.id },
    );
    try {
      await channel.complete(response, httpStatusOf(error, 'session'), error?.headers);
    } finally {
      keepAlive.release(session.id);
    }
    if (stream) {
      this.streams.removeRequestStream(sessionKey, stream);
      if (stream.streamId !== undefined)
        await this.events.finishStream?.(
          sessionKey,
          stream.streamId,
          settings.finishedStreamGraceMs,
        );
    }
  }

  /**
   * GET with Last-Event-ID: replays what the client missed of that stream, then follows it
   * live, whichever replica writes it.
   */
  private async resume(
    res: ServerResponse,
    session: McpSession,
    principal: McpPrincipal,
    lastEventId: string,
    settings: HttpSettings,
  ): Promise<void> {
    const match = /^([A-Za-z0-9_-]+)\.\d+$/.exec(lastEventId);
    if (!match) return reject(res, 400, HttpMessages.malformedLastEventId());
    const streamId = match[1];
    const sessionKey = sessionKeyOf(session);
    const live = this.streams.requestStream(sessionKey, streamId);
    if (live) return this.resumeLocal(res, session, lastEventId, settings, live);
    const meta = await this.events.streamMeta(sessionKey, streamId);
    if (!meta)
      return writeError(
        res,
        404,
        new McpError(ErrorCode.ServerError, HttpMessages.unknownLastEventId()),
      );
    const connection = new SseConnection(res, settings.sse);
    connection.open({ 'mcp-session-id': session.id });
    const isGet = streamId === GET_STREAM_ID;
    const follower = new StreamFollower(
      connection,
      this.events,
      sessionKey,
      streamId,
      lastEventId,
      !isGet,
    );
    if (isGet) follower.filter = this.readPolicy(principal);
    this.streams.follow(follower);
    await follower.catchUp();
    if (!isGet) this.relay.watchWriter(follower, meta);
  }

  /**
   * Resource updates on a GET stream follow the read policy of the principal that opened it,
   * checked again at delivery (policies can change at run time).
   */
  private readPolicy(principal: McpPrincipal): (message: JsonRpcMessage) => boolean {
    return (message) => {
      if (!('method' in message) || message.method !== 'notifications/resources/updated')
        return true;
      const uri = (message.params as { uri?: unknown } | undefined)?.uri;
      return typeof uri === 'string' && this.guard.mayHear(uri, principal);
    };
  }

  /** The POST stream's handler runs here: the new connection takes over the live stream. */
  private async resumeLocal(
    res: ServerResponse,
    session: McpSession,
    lastEventId: string,
    settings: HttpSettings,
    live: NonNullable<ReturnType<LiveStreams['requestStream']>>,
  ): Promise<void> {
    const connection = new SseConnection(res, settings.sse);
    connection.open({ 'mcp-session-id': session.id });
    await live.resume(connection, () =>
      this.events.replayAfter(sessionKeyOf(session), lastEventId, (id, message) =>
        connection.send(message, id),
      ),
    );
  }
}
