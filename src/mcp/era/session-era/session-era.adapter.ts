import { Inject, Injectable } from '@nestjs/common';
import type { RequestIo } from '../../context/request.exchange.js';
import { randomUUID } from 'node:crypto';
import { isLogLevel } from '../../context/log-level.js';
import { McpDispatcher } from '../../dispatch/mcp.dispatcher.js';
import { ServerCapabilities } from '../../dispatch/server-capabilities.service.js';
import { McpTelemetry } from '../../telemetry/mcp-telemetry.service.js';
import { LATEST_SESSION_VERSION, SESSION_ERA_VERSIONS } from '../../config/mcp.constants.js';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { principalKey } from '../../security/principal.key.js';
import { SubscriptionGuard } from '../../security/subscription.guard.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import type { McpSession } from '../../session/session.interface.js';
import type { JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { SessionExchange } from './session.exchange.js';

/** What a transport gives the session era for one request. */
export interface SessionIo extends RequestIo {
  /** Persists changes made to the session (log level, subscriptions). */
  save(session: McpSession): Promise<void>;
}

/** Session era (2024-11-05 … 2025-11-25): initialize, ping, logging level, subscriptions. */
@Injectable()
export class SessionEraAdapter {
  constructor(
    private readonly dispatcher: McpDispatcher,
    private readonly capabilities: ServerCapabilities,
    private readonly subscriptions: SubscriptionGuard,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    private readonly telemetry: McpTelemetry,
  ) {}

  /** Answers `initialize`: echoes a supported version, else offers the latest. */
  initialize(
    params: Record<string, unknown>,
    principal: McpPrincipal,
    sessionId: string = randomUUID(),
  ): { session: McpSession; result: Record<string, unknown> } {
    const requested = params.protocolVersion;
    const protocolVersion = (SESSION_ERA_VERSIONS as readonly unknown[]).includes(requested)
      ? (requested as string)
      : LATEST_SESSION_VERSION;
    const now = Date.now();
    const session: McpSession = {
      id: sessionId,
      principalId: principalKey(principal),
      protocolVersion,
      clientCapabilities: (params.capabilities as Record<string, unknown> | undefined) ?? {},
      clientInfo: params.clientInfo as McpSession['clientInfo'],
      initialized: false,
      subscriptions: [],
      createdAt: now,
      lastSeenAt: now,
    };
    const result: Record<string, unknown> = {
      protocolVersion,
      capabilities: this.capabilities.get('session', protocolVersion),
      serverInfo: this.options.serverInfo,
      ...(this.options.instructions ? { instructions: this.options.instructions } : {}),
    };
    return { session, result };
  }

  request(
    message: JsonRpcRequest,
    session: McpSession,
    io: SessionIo,
  ): Promise<Record<string, unknown>> {
    // Checked first so that, with no provider and no access log, nothing is allocated for telemetry.
    if (!this.telemetry.active) return this.serve(message, session, io);
    return this.telemetry.operation(
      {
        message,
        protocolVersion: session.protocolVersion,
        sessionId: session.id,
        principal: io.principal,
        signal: io.signal,
        http: io.httpRequest,
      },
      () => this.serve(message, session, io),
    );
  }

  private async serve(
    message: JsonRpcRequest,
    session: McpSession,
    io: SessionIo,
  ): Promise<Record<string, unknown>> {
    const params = message.params ?? {};
    switch (message.method) {
      case 'initialize':
        throw new McpError(
          ErrorCode.InvalidRequest,
          'The session is already initialized',
          undefined,
          400,
        );
      case 'ping':
        return {};
      case 'logging/setLevel':
        if (!isLogLevel(params.level))
          throw new McpError(ErrorCode.InvalidParams, `Unknown log level: ${String(params.level)}`);
        session.logLevel = params.level;
        await io.save(session);
        return {};
      case 'resources/subscribe':
      case 'resources/unsubscribe':
        return this.subscription(message.method === 'resources/subscribe', params, session, io);
      default:
        return this.dispatcher.dispatch(
          message.method,
          params,
          new SessionExchange(message, session, io),
        );
    }
  }

  private async subscription(
    on: boolean,
    params: Record<string, unknown>,
    session: McpSession,
    io: SessionIo,
  ): Promise<Record<string, unknown>> {
    if (typeof params.uri !== 'string')
      throw new McpError(ErrorCode.InvalidParams, 'params.uri must be a string');
    const others = session.subscriptions.filter((uri) => uri !== params.uri);
    if (on)
      this.subscriptions.assertMaySubscribe(params.uri, io.principal, 'session', others.length);
    session.subscriptions = on ? [...others, params.uri] : others;
    await io.save(session);
    return {};
  }
}
