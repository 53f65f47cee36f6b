import type { IncomingMessage } from 'node:http';
import type { ClientKey } from '../../security/client-key.js';
import type { LogLevel } from '../../context/log-level.js';
import { InputCollector } from '../../context/input-collector.js';
import type {
  InputMethod,
  McpClientInfo,
  McpExchange,
} from '../../context/mcp-exchange.interface.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import { assertClientCapability } from '../../protocol/input-capability.js';
import type { JsonRpcId, JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { META_CLIENT_INFO } from '../../config/mcp.constants.js';
import type { StatelessIo } from './stateless-era.adapter.js';
import type { StatelessEnvelope } from './stateless-envelope.js';

/**
 * One stateless-era request as the handlers see it. A class, not an object literal of
 * closures: its methods live on the prototype, and the input collector is made on first ask.
 */
export class StatelessExchange implements McpExchange {
  readonly era = 'stateless' as const;
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
  private collector?: InputCollector;

  constructor(
    message: JsonRpcRequest,
    envelope: StatelessEnvelope,
    private readonly io: StatelessIo,
    /** The answers so far, when the method may ask for input at all. */
    private readonly inputs: Record<string, unknown> | undefined,
  ) {
    this.protocolVersion = envelope.protocolVersion;
    this.requestId = message.id;
    this.method = message.method;
    this.principal = io.principal;
    this.clientKey = io.clientKey;
    this.clientCapabilities = envelope.clientCapabilities;
    this.clientInfo = clientInfoOf(envelope.meta);
    this.httpRequest = io.httpRequest;
    this.meta = envelope.meta;
    this.logLevel = envelope.logLevel;
  }

  /** Read lazily from the transport: most handlers never look at it. */
  get signal(): AbortSignal {
    return this.io.signal;
  }

  notify(method: string, params: Record<string, unknown>): void {
    this.io.channel.notify({ jsonrpc: '2.0', method, params });
  }

  disconnect(): void {
    // Nothing to cut: a stateless answer is never resumed.
  }

  async input(
    method: InputMethod,
    params: Record<string, unknown>,
    key?: string,
  ): Promise<Record<string, unknown>> {
    if (!this.inputs)
      throw new McpError(
        ErrorCode.InvalidRequest,
        `${this.method} cannot ask the client for input`,
      );
    assertClientCapability(method, this.clientCapabilities, params);
    return (this.collector ??= new InputCollector(this.inputs)).ask(method, params, key ?? method);
  }
}

/** The stateless era's per-request `clientInfo`, when the client sent an object there. */
function clientInfoOf(meta: Record<string, unknown>): McpClientInfo | undefined {
  const info = meta[META_CLIENT_INFO];
  return info !== null && typeof info === 'object' && !Array.isArray(info)
    ? (info as McpClientInfo)
    : undefined;
}
