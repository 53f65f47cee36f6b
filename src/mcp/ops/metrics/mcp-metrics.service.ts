import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { MCP_MODULE_EXTRAS } from '../../config/mcp.constants.js';
import type { McpModuleExtras } from '../../config/mcp-options.interface.js';
import { DEFAULT_MCP_SERVER } from '../../server/mcp-server.tokens.js';
import { SessionStore } from '../../session/session-store.interface.js';
import { createInstruments, type Instruments, type PromClient } from './metrics.instruments.js';
import { MetricsMessages } from './metrics.messages.js';
import type { ToolCallOutcome } from '../../dispatch/tool-call.outcome.js';

export type { ToolCallOutcome } from '../../dispatch/tool-call.outcome.js';

/** Which limiter refused a request (a fixed set, so labels stay few). */
export type RateLimitScope = 'address' | 'principal' | 'tool';

/** A prom-client `Registry`, typed loosely so nest-mcp's types never need prom-client. */
export interface McpMetricsRegistry {
  readonly contentType: string;
  /** The Prometheus text of every metric in the registry. */
  metrics(): Promise<string>;
}

/**
 * The MCP server's Prometheus metrics, in a private prom-client registry so the host's own
 * (global) registry is untouched. prom-client is an optional peer, loaded once at boot; when it
 * is missing every method is a no-op and `available` is false.
 * @example
 * // Merge into the host's registry:
 * import { Registry, register } from 'prom-client';
 * const merged = Registry.merge([register, metrics.registry as Registry]);
 */
@Injectable()
export class McpMetrics implements OnModuleInit {
  private readonly toolChildren = new Map<
    string,
    { calls: { inc(): void }; seconds: { observe(v: number): void } }
  >();
  private readonly logger = new Logger('McpMetrics');
  private instruments?: Instruments;
  private failure?: string;
  private readonly streamSources: (() => number)[] = [];

  /** @internal */
  constructor(
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Optional() @Inject(MCP_MODULE_EXTRAS) private readonly extras?: McpModuleExtras,
  ) {}

  /** @internal */
  async onModuleInit(): Promise<void> {
    let prom: PromClient;
    try {
      prom = (await this.loadPromClient()) as PromClient;
      if (typeof prom?.Registry !== 'function') throw new Error('it exports no Registry class');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      this.failure =
        code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
          ? MetricsMessages.promClientMissing()
          : MetricsMessages.promClientFailed(
              error instanceof Error ? error.message : String(error),
            );
      return;
    }
    this.instruments = createInstruments(prom, {
      sessions: () => this.sessions.count(),
      streams: () => this.streamSources.reduce((sum, count) => sum + count(), 0),
      onCollectError: (why) => this.logger.warn(MetricsMessages.collectFailed(why)),
      defaultMetrics:
        this.extras?.metrics !== false && this.extras?.metrics?.defaultMetrics !== false,
    });
    // A named server's series carry server="<name>"; the default server's stay as they were.
    const server = this.extras?.name;
    if (server && server !== DEFAULT_MCP_SERVER)
      this.instruments.registry.setDefaultLabels({ server });
  }

  /** True once prom-client is loaded. */
  get available(): boolean {
    return this.instruments !== undefined;
  }

  /** Why metrics are unavailable (an install hint when prom-client is missing). */
  get unavailableReason(): string | undefined {
    return this.failure;
  }

  /** The private registry (a prom-client `Registry`), for hosts that merge it into theirs. */
  get registry(): McpMetricsRegistry | undefined {
    return this.instruments?.registry;
  }

  /** Adds a count of SSE streams kept elsewhere (the legacy transport's) to `mcp_sse_streams_open`. */
  countStreams(source: () => number): void {
    this.streamSources.push(source);
  }

  /** One finished `tools/call` of a registered tool; `seconds` is its run time. */
  toolCall(tool: string, outcome: ToolCallOutcome, seconds: number): void {
    if (!this.instruments) return;
    // Label children are looked up once per (tool, outcome): prom-client hashes labels on each call.
    const key = `${tool}\u0000${outcome}`;
    let child = this.toolChildren.get(key);
    if (!child) {
      child = {
        calls: this.instruments.toolCalls.labels(tool, outcome),
        seconds: this.instruments.toolCallSeconds.labels(tool, outcome),
      };
      this.toolChildren.set(key, child);
    }
    child.calls.inc();
    child.seconds.observe(seconds);
  }

  /** A request whose signature material failed verification. */
  signatureFailure(): void {
    this.instruments?.signatureFailures.inc();
  }

  /** @internal A request refused with 429. */
  rateLimited(scope: RateLimitScope): void {
    this.instruments?.rateLimited.labels(scope).inc();
  }

  /** The exposition text, or undefined when prom-client is unavailable. */
  async scrape(): Promise<{ contentType: string; body: string } | undefined> {
    const registry = this.instruments?.registry;
    if (!registry) return undefined;
    return { contentType: registry.contentType, body: await registry.metrics() };
  }

  /**
   * Loads the optional peer (typed `unknown` so nest-mcp's declarations never name prom-client);
   * a seam for hosts that bundle it differently.
   */
  protected async loadPromClient(): Promise<unknown> {
    const mod = (await import('prom-client')) as PromClient & { default?: PromClient };
    return typeof mod.Registry === 'function' ? mod : mod.default;
  }
}
