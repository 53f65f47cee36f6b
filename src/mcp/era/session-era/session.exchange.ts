import type { IncomingMessage } from 'node:http';
import type { ClientKey } from '../../security/client-key.js';
import type { LogLevel } from '../../context/log-level.js';
import type {
  InputMethod,
  McpClientInfo,
  McpExchange,
} from '../../context/mcp-exchange.interface.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import type { McpSession } from '../../session/session.interface.js';
import { assertClientCapability } from '../../protocol/input-capability.js';
import type { JsonRpcId, JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import type { SessionIo } from './session-era.adapter.js';

/**
 * One session-era request as the handlers see it. A class, not an object literal of closures:
 * its methods live on the prototype, so a call allocates one object for it.
 */
export class SessionExchange implements McpExchange {
  readonly era = 'session' as const;
  readonly protocolVersion: string;
  readonly requestId: JsonRpcId;
  readonly method: string;
  readonly principal: McpPrincipal;
  readonly clientKey: ClientKey;
  readonly clientCapabilities: Record<string, unknown>;
  readonly clientInfo?: McpClientInfo;
  readonly httpRequest?: IncomingMessage;
  readonly sessionId: string;
  readonly meta: Record<string, unknown>;
  readonly logLevel: LogLevel | undefined;

  constructor(
    message: JsonRpcRequest,
    session: McpSession,
    private readonly io: SessionIo,
  ) {
    this.protocolVersion = session.protocolVersion;
    this.requestId = message.id;
    this.method = message.method;
    this.principal = io.principal;
    this.clientKey = io.clientKey;
    this.clientCapabilities = session.clientCapabilities;
    this.clientInfo = session.clientInfo;
    this.httpRequest = io.httpRequest;
    this.sessionId = session.id;
    this.meta = ((message.params ?? {})._meta ?? {}) as Record<string, unknown>;
    this.logLevel = session.logLevel;
  }

  /** Read lazily from the transport: most handlers never look at it. */
  get signal(): AbortSignal {
    return this.io.signal;
  }

  notify(method: string, params: Record<string, unknown>): void {
    this.io.channel.notify({ jsonrpc: '2.0', method, params });
  }

  disconnect(): void {
    this.io.channel.disconnect?.();
  }

  async input(
    method: InputMethod,
    params: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    assertClientCapability(method, this.clientCapabilities, params);
    return this.io.channel.request(method, params, this.io.signal);
  }
}
