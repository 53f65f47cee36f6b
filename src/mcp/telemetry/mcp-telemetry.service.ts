import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Context, Histogram, Link, Span, Tracer } from '@opentelemetry/api';
import { logContextOf, type LogContext } from '../logging/log-context.js';
import { McpLogger } from '../logging/mcp.logger.js';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import {
  describeOperation,
  errorOutcome,
  resultOutcome,
  type McpOperationInfo,
  type OperationDescription,
  type OperationOutcome,
} from './mcp-operation.js';
import { loadOtelApi, otelRegistered, type OtelApi } from './otel-api.loader.js';
import { DURATION_BUCKETS, INSTRUMENTATION_SCOPE, Semconv } from './telemetry.constants.js';
import { TelemetryMessages } from './telemetry.messages.js';

type Instruments = { operation: Histogram; session: Histogram };

/** How a session-era session was carried, for `mcp.server.session.duration`. */
export interface EndedSession {
  createdAt: number;
  protocolVersion: string;
  /** The HTTP version of the request that ended it; absent on stdio. */
  httpVersion?: string;
}

/**
 * Server spans, the MCP duration histograms and the access log, by the OpenTelemetry MCP
 * semantic conventions. Only `@opentelemetry/api` is used (an optional peer), loaded at boot when
 * something has registered with it already, else as soon as something does.
 * While no tracer or meter provider is registered and the access log is off, `active` is false
 * and the adapters skip this service entirely: nothing is allocated and no context is entered.
 */
@Injectable()
export class McpTelemetry implements OnModuleInit {
  private api?: OtelApi;
  private tracer?: Tracer;
  private noopTracerProvider?: unknown;
  private noopHistogram?: unknown;
  private meterProvider?: unknown;
  private instruments?: Instruments;
  private readonly access?: McpLogger;
  private readonly recordPrincipal: boolean;
  /** Set while the API is not loaded and telemetry is not disabled. */
  private waiting = false;
  private loading?: Promise<void>;

  constructor(
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    private readonly registry: McpRegistry,
  ) {
    this.recordPrincipal = options.telemetry?.recordPrincipal === true;
    if (options.logging?.accessLog === true) this.access = new McpLogger('McpAccess');
  }

  async onModuleInit(): Promise<void> {
    if (this.options.telemetry?.enabled === false) return;
    // Nothing registered yet: no provider to record to. `active` loads the API once one is.
    if (!otelRegistered()) {
      this.waiting = true;
      return;
    }
    await this.load();
  }

  /** Loads the API (once); the requests served meanwhile go unrecorded. */
  private load(): Promise<void> {
    this.waiting = false;
    return (this.loading ??= this.attach());
  }

  private async attach(): Promise<void> {
    const api = await loadOtelApi();
    if (!api) return;
    this.api = api;
    this.tracer = api.trace.getTracer(INSTRUMENTATION_SCOPE);
    // The API's no-op singletons: identity checks against them tell "nothing registered".
    this.noopTracerProvider = new api.ProxyTracerProvider().getDelegate();
    this.noopHistogram = api.createNoopMeter().createHistogram('noop');
  }

  /** True when a request should go through {@link operation}: a provider exists or the access log is on. */
  get active(): boolean {
    if (this.waiting && otelRegistered())
      // A broken install fails the boot when found then; found later, it is logged once.
      this.load().catch((error: unknown) =>
        new McpLogger('McpTelemetry').error(TelemetryMessages.loadFailed(String(error))),
      );
    return this.access !== undefined || this.tracing() || this.meters() !== undefined;
  }

  /**
   * Runs one MCP request inside its SERVER span (the handler's own spans become its children),
   * then records its duration and access-log line. Errors pass through unchanged.
   */
  async operation(
    info: McpOperationInfo,
    run: () => Promise<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const started = performance.now();
    const described = describeOperation(info, this.isKnown, this.recordPrincipal);
    const api = this.api;
    const traced = api && this.tracing() ? this.startSpan(api, info, described) : undefined;
    let outcome: OperationOutcome | undefined;
    try {
      const result = traced ? await api!.context.with(traced.context, run) : await run();
      outcome = resultOutcome(result, info.signal);
      return result;
    } catch (error) {
      outcome = errorOutcome(error, info.signal);
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      if (traced) this.endSpan(api!, traced.span, outcome!);
      this.record(described, outcome!, seconds);
      this.logAccess(info, described, outcome!, seconds);
    }
  }

  /**
   * {@link operation} for messages a transport handles itself (`initialize`, notifications):
   * `describe` runs only when telemetry is active. Not for the hot path (it allocates closures).
   */
  traced(
    describe: () => McpOperationInfo,
    run: () => Promise<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    return this.active ? this.operation(describe(), run) : run();
  }

  /** Records `mcp.server.session.duration` for a session that just ended. */
  sessionEnded(session: EndedSession, error?: string): void {
    const instruments = this.meters();
    if (!instruments) return;
    const attributes: Record<string, string> = {
      [Semconv.protocolVersion]: session.protocolVersion,
      [Semconv.networkTransport]: session.httpVersion === undefined ? 'pipe' : 'tcp',
    };
    if (session.httpVersion !== undefined) {
      attributes[Semconv.networkProtocolName] = 'http';
      attributes[Semconv.networkProtocolVersion] = session.httpVersion;
    }
    if (error) attributes[Semconv.errorType] = error;
    instruments.session.record(Math.max(0, Date.now() - session.createdAt) / 1000, attributes);
  }

  private readonly isKnown = (kind: 'tool' | 'prompt', name: string): boolean =>
    (kind === 'tool' ? this.registry.getTool(name) : this.registry.getPrompt(name)) !== undefined;

  private tracing(): boolean {
    const provider = this.api?.trace.getTracerProvider() as { getDelegate?: () => unknown };
    return (
      provider?.getDelegate !== undefined && provider.getDelegate() !== this.noopTracerProvider
    );
  }

  /** The histograms of the current meter provider; undefined while none is registered. */
  private meters(): Instruments | undefined {
    const api = this.api;
    if (!api) return undefined;
    const provider = api.metrics.getMeterProvider();
    if (provider === this.meterProvider) return this.instruments;
    this.meterProvider = provider;
    const meter = provider.getMeter(INSTRUMENTATION_SCOPE);
    const advice = { explicitBucketBoundaries: DURATION_BUCKETS };
    const operation = meter.createHistogram(Semconv.operationDuration, {
      unit: 's',
      description: 'Duration of MCP requests as observed on the server.',
      advice,
    });
    this.instruments =
      operation === this.noopHistogram
        ? undefined
        : {
            operation,
            session: meter.createHistogram(Semconv.sessionDuration, {
              unit: 's',
              description: 'Duration of MCP sessions as observed on the server.',
              advice,
            }),
          };
    return this.instruments;
  }

  /**
   * The parent is the context in `params._meta` (the conventions), else the ambient one (an
   * HTTP instrumentation's span), else the HTTP headers. With a `_meta` parent, the ambient span
   * becomes a link, so the transport's trace stays reachable.
   */
  private startSpan(
    api: OtelApi,
    info: McpOperationInfo,
    described: OperationDescription,
  ): { span: Span; context: Context } {
    const ambient = api.context.active();
    let parent = ambient;
    let links: Link[] | undefined;
    const meta = info.message.params?._meta as Record<string, unknown> | undefined;
    if (meta && typeof meta.traceparent === 'string') {
      const extracted = api.propagation.extract(api.ROOT_CONTEXT, meta);
      if (api.trace.getSpanContext(extracted)) {
        parent = extracted;
        const transport = api.trace.getSpanContext(ambient);
        if (transport) links = [{ context: transport }];
      }
    } else if (info.http && !api.trace.getSpanContext(ambient)) {
      parent = api.propagation.extract(ambient, info.http.headers);
    }
    const span = this.tracer!.startSpan(
      described.name,
      { kind: api.SpanKind.SERVER, attributes: described.spanAttributes, links },
      parent,
    );
    return { span, context: api.trace.setSpan(parent, span) };
  }

  private endSpan(api: OtelApi, span: Span, outcome: OperationOutcome): void {
    if (outcome.errorType) {
      span.setAttribute(Semconv.errorType, outcome.errorType);
      if (outcome.statusCode) span.setAttribute(Semconv.statusCode, outcome.statusCode);
      if (outcome.exception instanceof Error) span.recordException(outcome.exception);
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: outcome.message });
    }
    span.end();
  }

  private record(
    described: OperationDescription,
    outcome: OperationOutcome,
    seconds: number,
  ): void {
    const instruments = this.meters();
    if (!instruments) return;
    const attributes = described.metricAttributes;
    if (outcome.errorType) attributes[Semconv.errorType] = outcome.errorType;
    if (outcome.statusCode) attributes[Semconv.statusCode] = outcome.statusCode;
    instruments.operation.record(seconds, attributes);
  }

  private logAccess(
    info: McpOperationInfo,
    described: OperationDescription,
    outcome: OperationOutcome,
    seconds: number,
  ): void {
    if (!this.access) return;
    const ms = seconds * 1000;
    const ctx: LogContext = info.http
      ? logContextOf(info.http)
      : {
          requestId: 'id' in info.message ? String(info.message.id) : '-',
          sessionId: info.sessionId,
        };
    this.access.log(
      TelemetryMessages.access(info.message.method, described.target, outcome.label, ms),
      ctx,
      {
        method: info.message.method,
        target: described.target,
        outcome: outcome.label,
        durationMs: Math.round(ms * 10) / 10,
        jsonrpcId: 'id' in info.message ? info.message.id : undefined,
      },
    );
  }
}
