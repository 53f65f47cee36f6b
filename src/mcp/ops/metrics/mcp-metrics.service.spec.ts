import { register } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../../session/memory-session.store.js';
import type { McpModuleExtras } from '../../config/mcp-options.interface.js';
import { McpMetrics } from './mcp-metrics.service.js';

const stores: MemorySessionStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.onModuleDestroy()));

async function metrics(extras?: McpModuleExtras): Promise<McpMetrics> {
  const store = new MemorySessionStore(60_000, 10);
  stores.push(store);
  const m = new McpMetrics(store, extras);
  await m.onModuleInit();
  return m;
}

const line = (text: string, series: string): string | undefined =>
  text.split('\n').find((l) => l.startsWith(`${series} `));

describe('McpMetrics', () => {
  it("adds prom-client's process and Node.js series to its registry unless opted out", async () => {
    const body = (await (await metrics()).scrape())!.body;
    for (const series of [
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      expect(line(body, series), series).toMatch(/ \d/);
    expect(body).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    const bare = (await (await metrics({ metrics: { defaultMetrics: false } })).scrape())!.body;
    expect(bare).not.toContain('process_resident_memory_bytes');
    expect(bare).toContain('mcp_sessions_active');
  });

  it('counts tool calls by tool and outcome, with a latency histogram', async () => {
    const m = await metrics();
    m.toolCall('conjugate', 'ok', 0.002);
    m.toolCall('conjugate', 'ok', 0.3);
    m.toolCall('conjugate', 'error', 0.001);
    const { body, contentType } = (await m.scrape())!;
    expect(contentType).toMatch(/^text\/plain/);
    expect(line(body, 'mcp_tool_calls_total{tool="conjugate",outcome="ok"}')).toMatch(/ 2$/);
    expect(line(body, 'mcp_tool_calls_total{tool="conjugate",outcome="error"}')).toMatch(/ 1$/);
    expect(
      line(body, 'mcp_tool_call_duration_seconds_bucket{le="0.005",tool="conjugate",outcome="ok"}'),
    ).toMatch(/ 1$/);
    expect(
      line(body, 'mcp_tool_call_duration_seconds_count{tool="conjugate",outcome="ok"}'),
    ).toMatch(/ 2$/);
  });

  it('reads sessions and streams at scrape time, including added stream sources', async () => {
    const m = await metrics();
    m.countStreams(() => 3);
    const { body } = (await m.scrape())!;
    expect(line(body, 'mcp_sessions_active')).toBe('mcp_sessions_active 0');
    expect(line(body, 'mcp_sse_streams_open')).toBe('mcp_sse_streams_open 3');
  });

  it('uses a private registry per instance, never the global one', async () => {
    const [a, b] = [await metrics(), await metrics()];
    a.signatureFailure();
    expect(line((await a.scrape())!.body, 'mcp_signature_failures_total')).toMatch(/ 1$/);
    expect(line((await b.scrape())!.body, 'mcp_signature_failures_total')).toMatch(/ 0$/);
    expect(register.getSingleMetric('mcp_signature_failures_total')).toBeUndefined();
    expect(a.registry).not.toBe(b.registry);
  });

  it('without prom-client: not available, a no-op, and says how to install it', async () => {
    class Missing extends McpMetrics {
      protected override loadPromClient(): Promise<unknown> {
        return Promise.reject(
          Object.assign(new Error("Cannot find package 'prom-client'"), {
            code: 'ERR_MODULE_NOT_FOUND',
          }),
        );
      }
    }
    const store = new MemorySessionStore(60_000, 10);
    stores.push(store);
    const m = new Missing(store);
    await m.onModuleInit();
    expect(m.available).toBe(false);
    expect(m.registry).toBeUndefined();
    expect(() => m.toolCall('x', 'ok', 1)).not.toThrow();
    expect(await m.scrape()).toBeUndefined();
    expect(m.unavailableReason).toContain('npm install prom-client');
  });
});
