import { RequestExchange } from '../../context/request.exchange.js';
import type { InputMethod } from '../../context/mcp-exchange.interface.js';
import type { McpSession } from '../../session/session.interface.js';
import { assertClientCapability } from '../../protocol/input-capability.js';
import type { JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import type { SessionIo } from './session-era.adapter.js';

/** One session-era request: facts from its session; questions go to the client live. */
export class SessionExchange extends RequestExchange {
  readonly era = 'session' as const;
  readonly sessionId: string;

  constructor(message: JsonRpcRequest, session: McpSession, io: SessionIo) {
    super(
      message,
      {
        protocolVersion: session.protocolVersion,
        clientCapabilities: session.clientCapabilities,
        clientInfo: session.clientInfo,
        meta: ((message.params ?? {})._meta ?? {}) as Record<string, unknown>,
        logLevel: session.logLevel,
      },
      io,
    );
    this.sessionId = session.id;
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
