import type * as PromClientModule from 'prom-client';

/** The prom-client module, as loaded at boot. */
export type PromClient = typeof PromClientModule;

/** Seconds: from a cached lookup to a slow upstream call. */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface Instruments {
  registry: PromClientModule.Registry;
  toolCalls: PromClientModule.Counter<'tool' | 'outcome'>;
  toolCallSeconds: PromClientModule.Histogram<'tool' | 'outcome'>;
  signatureFailures: PromClientModule.Counter;
  rateLimited: PromClientModule.Counter<'scope'>;
}

export interface InstrumentSources {
  sessions: () => Promise<number>;
  streams: () => number;
  onCollectError: (why: string) => void;
  /** Add prom-client's default process and Node.js series. */
  defaultMetrics: boolean;
}

/** Every MCP metric, registered in a fresh registry (never prom-client's global one). */
export function createInstruments(prom: PromClient, sources: InstrumentSources): Instruments {
  const registry = new prom.Registry();
  const registers = [registry];
  if (sources.defaultMetrics) prom.collectDefaultMetrics({ register: registry });
  const toolCalls = new prom.Counter({
    name: 'mcp_tool_calls_total',
    help: 'MCP tools/call requests by tool and outcome (ok, error, protocol_error, input_required).',
    labelNames: ['tool', 'outcome'] as const,
    registers,
  });
  const toolCallSeconds = new prom.Histogram({
    name: 'mcp_tool_call_duration_seconds',
    help: 'Run time of MCP tool calls, from validated arguments to result.',
    labelNames: ['tool', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  new prom.Gauge({
    name: 'mcp_sessions_active',
    help: 'Session-era MCP sessions alive in the session store.',
    registers,
    async collect() {
      try {
        this.set(await sources.sessions());
      } catch (error) {
        sources.onCollectError(error instanceof Error ? error.message : String(error));
      }
    },
  });
  new prom.Gauge({
    name: 'mcp_sse_streams_open',
    help: 'SSE streams open in this process (GET and POST streams of Streamable HTTP, legacy /sse streams).',
    registers,
    collect() {
      this.set(sources.streams());
    },
  });
  const signatureFailures = new prom.Counter({
    name: 'mcp_signature_failures_total',
    help: 'Requests whose HTTP message signature failed verification.',
    registers,
  });
  const rateLimited = new prom.Counter({
    name: 'mcp_rate_limited_total',
    help: 'Requests refused with 429, by limiter (address, principal, tool).',
    labelNames: ['scope'] as const,
    registers,
  });
  // Known label values start at zero, so rate() works from the first scrape.
  for (const scope of ['address', 'principal', 'tool']) rateLimited.labels(scope).inc(0);
  return { registry, toolCalls, toolCallSeconds, signatureFailures, rateLimited };
}
