import type { McpPrincipal } from '../security/principal.interface.js';
import type { JsonRpcId } from '../protocol/jsonrpc.types.js';
import { passesLevel, type LogLevel } from './log-level.js';
import type { McpClientInfo, McpEra, McpExchange } from './mcp-exchange.interface.js';
import { readRequestHeaders, type McpRequestHeaders } from './request-headers.js';

/** Parameters of {@link McpContext.elicit} in form mode. */
export interface ElicitFormRequest {
  message: string;
  /** A flat object schema of primitive properties (MCP restricts elicitation schemas). */
  requestedSchema: Record<string, unknown>;
  /** Stable name of this question across stateless retries (defaults to its order in the call). */
  key?: string;
}

/** Parameters of {@link McpContext.elicit} in URL mode. */
export interface ElicitUrlRequest {
  mode: 'url';
  message: string;
  url: string;
  elicitationId: string;
  key?: string;
}

/** What the user answered. */
export interface ElicitResult {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, unknown>;
}

/**
 * The call context of a tool, resource or prompt handler (inject with `@McpCtx()`).
 * The same API works in both protocol eras; handlers never branch on the era.
 */
export class McpContext {
  private lastProgress = -Infinity;
  private inputCount = 0;
  private headerView?: McpRequestHeaders;

  /** @internal */
  constructor(private readonly exchange: McpExchange) {}

  /** The caller: an anonymous client, a signed agent, or the local stdio user. Frozen. */
  get principal(): McpPrincipal {
    return this.exchange.principal;
  }

  /** Aborted when the client cancels the request or goes away. */
  get signal(): AbortSignal {
    return this.exchange.signal;
  }

  get era(): McpEra {
    return this.exchange.era;
  }

  get protocolVersion(): string {
    return this.exchange.protocolVersion;
  }

  get requestId(): JsonRpcId {
    return this.exchange.requestId;
  }

  get sessionId(): string | undefined {
    return this.exchange.sessionId;
  }

  /**
   * The client's capabilities: declared at `initialize` (session era) or sent with this very
   * request in `_meta` (stateless era).
   */
  get clientCapabilities(): Readonly<Record<string, unknown>> {
    return this.exchange.clientCapabilities;
  }

  /**
   * The client's `clientInfo` (name, version…): from `initialize` in the session era, from this
   * request's `_meta["io.modelcontextprotocol/clientInfo"]` in the stateless era. Undefined when
   * the client sent none. Self-declared by the client: describe, never authorize, with it.
   */
  get clientInfo(): McpClientInfo | undefined {
    return this.exchange.clientInfo;
  }

  /**
   * The headers of the HTTP request that carried this call (read-only, lower-cased names,
   * repeated values joined with `, `): the POST to `/mcp` or to the legacy messages path. Empty
   * on stdio, and for a task's work after the creating request answered.
   * @example
   * const tenant = ctx.headers['x-tenant-id'];
   */
  get headers(): McpRequestHeaders {
    return (this.headerView ??= readRequestHeaders(this.exchange.httpRequest));
  }

  /** One request header by name (any case), or undefined. */
  header(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }

  /**
   * Reports progress, only when the request carried a `progressToken`. Values that do not
   * increase are dropped (the spec requires progress to grow).
   */
  progress(progress: number, total?: number, message?: string): void {
    const progressToken = this.exchange.meta.progressToken;
    if (progressToken === undefined || progress <= this.lastProgress) return;
    this.lastProgress = progress;
    this.exchange.notify('notifications/progress', {
      progressToken,
      progress,
      ...(total === undefined ? {} : { total }),
      ...(message === undefined ? {} : { message }),
    });
  }

  /** Sends a log message to the client, only if it asked for this level or a lower one. */
  log(level: LogLevel, data: unknown, logger?: string): void {
    const threshold = this.exchange.logLevel;
    if (threshold === undefined || !passesLevel(level, threshold)) return;
    this.exchange.notify('notifications/message', { level, data, ...(logger ? { logger } : {}) });
  }

  /** Asks the user for structured input (form mode) or to visit a URL (URL mode). */
  async elicit(request: ElicitFormRequest | ElicitUrlRequest): Promise<ElicitResult> {
    const { key, ...params } = request;
    const result = await this.exchange.input(
      'elicitation/create',
      params,
      key ?? this.nextKey('elicitation'),
    );
    return result as unknown as ElicitResult;
  }

  /** Asks the client's model for a completion (`sampling/createMessage`). */
  async sample(
    params: Record<string, unknown> & { key?: string },
  ): Promise<Record<string, unknown>> {
    const { key, ...rest } = params;
    return this.exchange.input('sampling/createMessage', rest, key ?? this.nextKey('sampling'));
  }

  /** Lists the client's roots (`roots/list`). */
  async roots(key?: string): Promise<{ uri: string; name?: string }[]> {
    const result = await this.exchange.input('roots/list', {}, key ?? this.nextKey('roots'));
    return (result.roots ?? []) as { uri: string; name?: string }[];
  }

  /**
   * Closes this call's SSE connection now (session era, resumable streams): the client
   * reconnects with GET + Last-Event-ID and receives everything sent after, the result
   * included. Useful to release connections during long calls. A no-op in the stateless era.
   */
  closeStream(): void {
    this.exchange.disconnect();
  }

  private nextKey(prefix: string): string {
    return `${prefix}_${++this.inputCount}`;
  }
}
