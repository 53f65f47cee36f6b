import { randomBytes } from 'node:crypto';
import { LOCAL_CLIENT_KEY, type ClientKey } from '../../security/client-key.js';
import type { Readable, Writable } from 'node:stream';
import type {
  JsonRpcErrorResponse,
  JsonRpcId,
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '../../protocol/jsonrpc.types.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { parseMessage } from '../../protocol/message.parser.js';
import { eraOf } from '../../protocol/era.js';
import type { SessionEraAdapter } from '../../era/session-era/session-era.adapter.js';
import { readEnvelope } from '../../era/stateless-era/stateless-envelope.js';
import type { StatelessEraAdapter } from '../../era/stateless-era/stateless-era.adapter.js';
import type { McpRegistry } from '../../registry/mcp.registry.js';
import type { SessionConnectionCore } from '../../connection/session-connection.core.js';
import { LIST_CHANGED_METHOD } from '../../registry/list-changed.js';
import type { McpTelemetry } from '../../telemetry/mcp-telemetry.service.js';
import { NOT_CANCELLED } from '../../telemetry/mcp-operation.js';
import { LOCAL_PRINCIPAL } from '../../security/principal.interface.js';
import { principalKey } from '../../security/principal.key.js';
import type { BusEvent, MessageBus } from '../../bus/message-bus.interface.js';
import { GET_STREAM_ID, sessionKeyOf } from '../../session/session-key.js';
import { toErrorResponse } from '../../protocol/error-answer.js';
import { StdioChannel, type StdioReplyRoute } from './stdio.channel.js';
import { StdioConnection } from './stdio.connection.js';
import { StdioMessages } from './stdio.messages.js';
import { StdioSession } from './stdio-session.js';
import type { StdioLogger } from './stdio-framing.types.js';

type Send = (message: JsonRpcMessage) => void;
type Io = {
  principal: typeof LOCAL_PRINCIPAL;
  clientKey: ClientKey;
  channel: StdioChannel;
  signal: AbortSignal;
};

/** What the stdio server is built from; the adapters come from the Nest application context. */
export interface StdioServerDeps {
  sessionEra: SessionEraAdapter;
  statelessEra: StatelessEraAdapter;
  /** In-flight requests, cancellation, server→client requests and their replies. */
  core: SessionConnectionCore;
  registry: McpRegistry;
  /** List changes, resource updates and messages for this session (task status) arrive here. */
  bus: MessageBus;
  /** Records the session's duration when the connection ends. */
  telemetry?: McpTelemetry;
}

/** Options of {@link StdioServer}. */
export interface StdioServerOptions {
  /** How long a server→client request (elicitation, sampling, roots) waits for the answer. */
  replyTimeoutMs: number;
  /** Largest message in bytes (default 10 MiB, as the SDK). */
  maxMessageBytes?: number;
  /** Diagnostics; never stdout. */
  logger?: StdioLogger;
}

/**
 * MCP over one pair of streams, both eras: the stdio connection is a session-era session once
 * the client sends `initialize`, and any message carrying the stateless `_meta` envelope (or
 * `server/discover`) is served statelessly, exactly as the HTTP transport decides per message.
 * The caller is always {@link LOCAL_PRINCIPAL}: whoever can write to stdin started the process.
 *
 * @example
 * const server = new StdioServer({ sessionEra, statelessEra, core, registry, bus }, { replyTimeoutMs: 60_000 });
 * server.listen(process.stdin, process.stdout);
 * await server.closed;
 */
export class StdioServer {
  private readonly session = new StdioSession();
  private readonly inputClosed = new AbortController();
  private readonly route: StdioReplyRoute;
  private readonly sessionId: string;
  private connection?: StdioConnection;
  private send?: Send;
  private unsubscribe?: () => void;

  constructor(
    private readonly deps: StdioServerDeps,
    private readonly options: StdioServerOptions,
  ) {
    // One id names both the implicit session and the connection's scope for client replies.
    const scope = `stdio-${randomBytes(12).toString('base64url')}`;
    this.sessionId = scope;
    this.route = {
      core: deps.core,
      scope: sessionKeyOf({ id: scope, principalId: principalKey(LOCAL_PRINCIPAL) }),
      timeoutMs: options.replyTimeoutMs,
      inputClosed: this.inputClosed.signal,
    };
  }

  /** Resolves once input ended (or shutdown finished), in-flight requests answered, output flushed. */
  get closed(): Promise<void> {
    return this.connection?.closed ?? Promise.resolve();
  }

  /** Starts serving; call once. */
  listen(input: Readable, output: Writable): void {
    if (this.connection) return;
    const connection = new StdioConnection(input, output, (text, send) => this.handle(text, send), {
      logger: this.options.logger,
      maxMessageBytes: this.options.maxMessageBytes,
    });
    this.connection = connection;
    // Once input is gone no client reply can arrive: fail the waits instead of hanging to the timeout.
    const closeInput = (): void => this.inputClosed.abort();
    input.once('end', closeInput);
    input.once('close', closeInput);
    this.unsubscribe = this.deps.bus.subscribe((event) => this.onBusEvent(event));
    void connection.closed.then(() => {
      this.unsubscribe?.();
      const session = this.session.current;
      if (session) this.deps.telemetry?.sessionEnded(session);
    });
    connection.start();
  }

  /**
   * Stops reading, lets running requests finish for up to `graceMs` (server→client requests
   * fail at once, since their answers can no longer be read), then resolves.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.inputClosed.abort();
    await this.connection?.shutdown(graceMs);
  }

  /** One decoded message: parse once, classify, route by era. Never throws. */
  async handle(text: string, send: Send): Promise<void> {
    this.send = send;
    const outcome = parseMessage(text);
    if (!('parsed' in outcome)) return send(errorResponse(outcome.error, outcome.id));
    const { parsed } = outcome;
    if (parsed.kind === 'response') return this.settle(parsed.message);
    if (parsed.kind === 'notification') {
      const message = parsed.message;
      await this.traced(message, async () => this.notification(message));
      return;
    }
    // The same rule as HTTP, less the headers stdio has not got.
    if (eraOf(parsed) === 'stateless') return this.statelessRequest(parsed.message, send);
    return this.sessionRequest(parsed.message, send);
  }

  private async settle(response: JsonRpcResponse): Promise<void> {
    if (!(await this.deps.core.reply(this.route.scope, response))) {
      this.options.logger?.warn(StdioMessages.unmatchedReply(String(response.id)));
    }
  }

  /** Both eras: `initialized` opens the session, `cancelled` aborts a running request. */
  private async notification(message: JsonRpcNotification): Promise<void> {
    const params = message.params ?? {};
    if (message.method === 'notifications/initialized') this.session.markInitialized();
    else if (message.method === 'notifications/cancelled')
      await this.deps.core.cancel(
        this.route.scope,
        params.requestId,
        params.reason ?? StdioMessages.cancelledByClient(),
      );
  }

  private async sessionRequest(message: JsonRpcRequest, send: Send): Promise<void> {
    const current = this.session.current;
    if (!current) {
      if (message.method === 'initialize') {
        await this.traced(message, async () => {
          const { session, result } = this.deps.sessionEra.initialize(
            message.params ?? {},
            LOCAL_PRINCIPAL,
            this.sessionId,
          );
          this.session.open(session);
          send({ jsonrpc: '2.0', id: message.id, result });
        });
      } else if (message.method === 'ping') {
        // The spec allows ping before initialization.
        send({ jsonrpc: '2.0', id: message.id, result: {} });
      } else {
        send(
          errorResponse(
            new McpError(ErrorCode.InvalidRequest, StdioMessages.notInitialized(message.method)),
            message.id,
          ),
        );
      }
      return;
    }
    // The record is updated in place; there is no store to write it back to.
    await this.run(message, send, this.route, (io) =>
      this.deps.sessionEra.request(message, current, Object.assign(io, { save: async () => {} })),
    );
  }

  private async statelessRequest(message: JsonRpcRequest, send: Send): Promise<void> {
    let envelope;
    try {
      // stdio has no MCP-Protocol-Version header to compare the envelope with.
      envelope = readEnvelope(message.params, undefined);
    } catch (error) {
      send(errorResponse(error, message.id));
      return;
    }
    await this.run(message, send, undefined, (io) =>
      this.deps.statelessEra.request(message, envelope, io),
    );
  }

  /** Runs one request with a cancellable signal and answers it, unless the client cancelled it. */
  private async run(
    message: JsonRpcRequest,
    send: Send,
    route: StdioReplyRoute | undefined,
    call: (io: Io) => Promise<Record<string, unknown>>,
  ): Promise<void> {
    const { response, cancelled } = await this.deps.core.run(
      this.route.scope,
      message.id,
      (abort) =>
        call({
          principal: LOCAL_PRINCIPAL,
          clientKey: LOCAL_CLIENT_KEY,
          channel: new StdioChannel(send, route),
          // Read lazily: most handlers never look at their signal.
          get signal() {
            return abort.signal;
          },
        }),
    );
    // The spec: a receiver SHOULD NOT answer a request the client cancelled.
    if (!cancelled) send(response);
  }

  /** `initialize` and notifications: their spans, when telemetry is active. */
  private async traced(
    message: JsonRpcRequest | JsonRpcNotification,
    run: () => Promise<void>,
  ): Promise<void> {
    const telemetry = this.deps.telemetry;
    if (!telemetry) return run();
    await telemetry.traced(
      () => ({
        message,
        protocolVersion: this.session.current?.protocolVersion,
        sessionId: this.session.current?.id,
        principal: LOCAL_PRINCIPAL,
        signal: NOT_CANCELLED,
      }),
      async () => {
        await run();
        return {};
      },
    );
  }

  /** List changes and resource updates of every replica; messages recorded for this session. */
  private onBusEvent(event: BusEvent): void {
    if (!this.session.ready || !this.send) return;
    if (event.kind === 'list-changed') {
      this.send({ jsonrpc: '2.0', method: LIST_CHANGED_METHOD[event.list] });
    } else if (event.kind === 'resource-updated') {
      if (this.session.current?.subscriptions.includes(event.uri))
        this.send({
          jsonrpc: '2.0',
          method: 'notifications/resources/updated',
          params: { uri: event.uri },
        });
    } else if (
      event.kind === 'stream' &&
      event.sessionKey === this.route.scope &&
      event.streamId === GET_STREAM_ID
    ) {
      this.send(event.message);
    }
  }
}

/** The JSON-RPC error answer to a request that failed with `error`. */
function errorResponse(error: unknown, id: JsonRpcId | null): JsonRpcErrorResponse {
  // toErrorResponse logs unexpected errors (to stderr on stdio) and hides their details; its
  // null id (a message too broken to name one) is what JSON-RPC prescribes for parse errors.
  return toErrorResponse(error, id as JsonRpcId).response;
}
