import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { LazyAbort } from '../../context/lazy-abort.js';
import { ServerCapabilities } from '../../dispatch/server-capabilities.service.js';
import type { JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { SubscriptionHub, type ListenFilter } from '../../era/stateless-era/subscription.hub.js';
import { SseConnection } from './sse.connection.js';
import { McpRegistry } from '../../registry/mcp.registry.js';
import { checkParamHeaders, paramHeaders } from './param-headers.check.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ParsedMessage } from '../../protocol/message.parser.js';
import { McpError } from '../../protocol/mcp.error.js';
import { readEnvelope } from '../../era/stateless-era/stateless-envelope.js';
import { StatelessEraAdapter } from '../../era/stateless-era/stateless-era.adapter.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import { clientKeyOf } from '../../security/client-key.js';
import { header } from './http-checks.js';
import { writeEmpty, writeError } from './http-response.writer.js';
import type { HttpSettings } from './http-settings.js';
import { ResponseChannel } from './response.channel.js';
import { checkStandardHeaders } from './stateless-headers.check.js';
import { logContextOf } from '../../logging/log-context.js';
import { ConcurrencyLimiter } from '../../security/concurrency.limiter.js';
import { toErrorResponse } from '../../protocol/error-answer.js';
import { httpStatusOf } from './http-status.table.js';
import { reserveStream } from './stream-quota.js';

/** POST in the stateless era: no session; closing the response stream cancels the call. */
@Injectable()
export class StatelessHttpHandler implements BeforeApplicationShutdown {
  private readonly listenStreams = new Set<() => void>();

  constructor(
    private readonly adapter: StatelessEraAdapter,
    private readonly hub: SubscriptionHub,
    private readonly capabilities: ServerCapabilities,
    private readonly registry: McpRegistry,
    private readonly concurrency: ConcurrencyLimiter,
  ) {}

  /** Ends every listen stream with its final result, so clients know to re-subscribe elsewhere. */
  beforeApplicationShutdown(): void {
    for (const end of [...this.listenStreams]) end();
  }

  async post(
    req: IncomingMessage,
    res: ServerResponse,
    parsed: ParsedMessage,
    principal: McpPrincipal,
    settings: HttpSettings,
  ): Promise<void> {
    if (parsed.kind !== 'request') return writeEmpty(res, 202);
    const message = parsed.message;
    let envelope;
    try {
      envelope = readEnvelope(message.params, header(req, 'mcp-protocol-version'));
      checkStandardHeaders(req, message);
      if (message.method === 'tools/call') this.checkParams(req, message);
    } catch (error) {
      if (!(error instanceof McpError)) throw error;
      return writeError(res, httpStatusOf(error, 'stateless'), error, message.id, error.headers);
    }
    if (message.method === 'subscriptions/listen') {
      if (reserveStream(this.concurrency, req, res, principal))
        this.listen(res, message, principal, settings);
      return;
    }
    // The connection is watched only once the handler reads `ctx.signal`.
    const abort = new LazyAbort((lazy) => {
      const onClose = (): void => {
        if (!res.writableFinished) lazy.abort();
      };
      if (res.closed) onClose();
      else res.once('close', onClose);
    });
    const channel = new ResponseChannel(res, { sse: settings.sse, headers: {} });
    try {
      const result = await this.adapter.request(message, envelope, {
        principal,
        clientKey: clientKeyOf(req, principal),
        channel,
        get signal() {
          return abort.signal;
        },
        httpRequest: req,
      });
      await channel.complete({ jsonrpc: '2.0', id: message.id, result });
    } catch (error) {
      const answer = toErrorResponse(error, message.id, logContextOf(req));
      await channel.complete(
        answer.response,
        httpStatusOf(answer.error, 'stateless'),
        answer.error?.headers,
      );
    }
  }

  /** `Mcp-Param-*` headers of the called tool's `x-mcp-header` arguments. */
  private checkParams(req: IncomingMessage, message: JsonRpcRequest): void {
    const tool = this.registry.getTool(String(message.params?.name));
    if (tool)
      checkParamHeaders(
        req,
        message.params?.arguments ?? {},
        paramHeaders(tool.definition.inputSchema),
      );
  }

  /** `subscriptions/listen`: an SSE stream held open, acknowledged first, filtered per request. */
  private listen(
    res: ServerResponse,
    message: JsonRpcRequest,
    principal: McpPrincipal,
    settings: HttpSettings,
  ): void {
    const requested = (message.params?.notifications ?? {}) as ListenFilter;
    const honoured = this.hub.honoured(requested, this.capabilities.get(), principal);
    const connection = new SseConnection(res, settings.sse);
    connection.open();
    connection.send(this.hub.acknowledgement(message.id, honoured));
    const stop = this.hub.listen(message.id, honoured, principal, (notification) =>
      connection.send(notification),
    );
    const end = (): void => {
      stop();
      this.listenStreams.delete(end);
      connection.send({
        jsonrpc: '2.0',
        id: message.id,
        result: { resultType: 'complete', _meta: this.hub.tag(message.id, '', {}).params?._meta },
      });
      connection.close();
    };
    this.listenStreams.add(end);
    connection.onClose(() => {
      stop();
      this.listenStreams.delete(end);
    });
  }
}
