import type { MessageChannel } from '../../context/message-channel.interface.js';
import type { JsonRpcMessage, JsonRpcNotification } from '../../protocol/jsonrpc.types.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import type { SessionConnectionCore } from '../../connection/session-connection.core.js';
import { StdioMessages } from './stdio.messages.js';

/** Where server→client requests of one stdio connection wait for their replies. */
export interface StdioReplyRoute {
  core: SessionConnectionCore;
  /** The connection's scope in the core (its session key). */
  scope: string;
  timeoutMs: number;
  /** Aborted once no reply can arrive any more (input ended, or shutdown began). */
  inputClosed: AbortSignal;
}

/**
 * The back channel of one request on stdio: notifications and server→client requests are
 * written straight to stdout, interleaved with other requests' traffic (ids keep them apart).
 */
export class StdioChannel implements MessageChannel {
  constructor(
    private readonly send: (message: JsonRpcMessage) => void,
    /** Session era only: the stateless era asks for input with input_required results. */
    private readonly route?: StdioReplyRoute,
  ) {}

  notify(notification: JsonRpcNotification): void {
    this.send(notification);
  }

  async request(
    method: string,
    params: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const route = this.route;
    if (!route)
      throw new McpError(ErrorCode.InternalError, StdioMessages.noClientRequestsStateless());
    if (route.inputClosed.aborted)
      throw new McpError(ErrorCode.InternalError, StdioMessages.inputClosed());
    return route.core.ask(
      route.scope,
      method,
      params,
      { signal: AbortSignal.any([signal, route.inputClosed]), timeoutMs: route.timeoutMs },
      this.send,
    );
  }
}
