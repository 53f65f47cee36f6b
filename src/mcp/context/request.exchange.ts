import type { IncomingMessage } from 'node:http';
import type { McpEra } from '../protocol/era.js';
import type { JsonRpcId, JsonRpcRequest } from '../protocol/jsonrpc.types.js';
import type { ClientKey } from '../security/client-key.js';
import type { McpPrincipal } from '../security/principal.interface.js';
import type { LogLevel } from './log-level.js';
import type { InputMethod, McpClientInfo, McpExchange } from './mcp-exchange.interface.js';
import type { MessageChannel } from './message-channel.interface.js';

/** What a transport gives an era adapter for one request, whichever the era. */
export interface RequestIo {
  principal: McpPrincipal;
  clientKey: ClientKey;
  channel: MessageChannel;
  /** Read only when a handler asks (transports make the signal lazily). */
  readonly signal: AbortSignal;
  /** The HTTP request carrying the message (absent on stdio). */
  httpRequest?: IncomingMessage;
}

/** What the era knows of the request besides the message: version, client, `_meta`, log level. */
export interface RequestFacts {
  protocolVersion: string;
  clientCapabilities: Record<string, unknown>;
  clientInfo?: McpClientInfo;
  meta: Record<string, unknown>;
  logLevel: LogLevel | undefined;
}

/**
 * One request as the handlers see it; each era adds how it disconnects and asks for input. A
 * class, not an object literal of closures: its methods live on the prototype, so a call
 * allocates one object for it.
 */
export abstract class RequestExchange implements McpExchange {
  abstract readonly era: McpEra;
  readonly protocolVersion: string;
  readonly requestId: JsonRpcId;
  readonly method: string;
  readonly principal: McpPrincipal;
  readonly clientKey: ClientKey;
  readonly clientCapabilities: Record<string, unknown>;
  readonly clientInfo?: McpClientInfo;
  readonly httpRequest?: IncomingMessage;
  readonly meta: Record<string, unknown>;
  readonly logLevel: LogLevel | undefined;

  constructor(
    message: JsonRpcRequest,
    facts: RequestFacts,
    protected readonly io: RequestIo,
  ) {
    this.protocolVersion = facts.protocolVersion;
    this.requestId = message.id;
    this.method = message.method;
    this.principal = io.principal;
    this.clientKey = io.clientKey;
    this.clientCapabilities = facts.clientCapabilities;
    this.clientInfo = facts.clientInfo;
    this.httpRequest = io.httpRequest;
    this.meta = facts.meta;
    this.logLevel = facts.logLevel;
  }

  /** Read lazily from the transport: most handlers never look at it. */
  get signal(): AbortSignal {
    return this.io.signal;
  }

  notify(method: string, params: Record<string, unknown>): void {
    this.io.channel.notify({ jsonrpc: '2.0', method, params });
  }

  abstract disconnect(): void;

  abstract input(
    method: InputMethod,
    params: Record<string, unknown>,
    key?: string,
  ): Promise<Record<string, unknown>>;
}
