import { InputCollector } from '../../context/input-collector.js';
import type { InputMethod, McpClientInfo } from '../../context/mcp-exchange.interface.js';
import { RequestExchange } from '../../context/request.exchange.js';
import { assertClientCapability } from '../../protocol/input-capability.js';
import type { JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { META_CLIENT_INFO } from '../../config/mcp.constants.js';
import type { StatelessIo } from './stateless-era.adapter.js';
import type { StatelessEnvelope } from './stateless-envelope.js';

/**
 * One stateless-era request: facts from its envelope; a question is answered from the retry's
 * answers or ends the run as input-required (the collector is made on the first ask).
 */
export class StatelessExchange extends RequestExchange {
  readonly era = 'stateless' as const;
  private collector?: InputCollector;

  constructor(
    message: JsonRpcRequest,
    envelope: StatelessEnvelope,
    io: StatelessIo,
    /** The answers so far, when the method may ask for input at all. */
    private readonly inputs: Record<string, unknown> | undefined,
  ) {
    super(
      message,
      {
        protocolVersion: envelope.protocolVersion,
        clientCapabilities: envelope.clientCapabilities,
        clientInfo: clientInfoOf(envelope.meta),
        meta: envelope.meta,
        logLevel: envelope.logLevel,
      },
      io,
    );
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
