import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Module, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { register } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TutorModule } from '../../src/demo/tutor/tutor.module.js';
import { McpModule, type McpModuleExtras, type McpModuleOptions } from '../../src/mcp/index.js';
import { McpMetrics } from '../../src/mcp/ops/metrics/mcp-metrics.service.js';
import { startApp, startDemoApp, type RunningApp } from '../support/demo-app.js';
import { call } from '../support/wire/http.client.js';

const get = (url: string) => call(url, { method: 'GET' });

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

function tutorApp(options: Partial<McpModuleOptions> & McpModuleExtras): Type<unknown> {
  @Module({
    imports: [
      McpModule.forRoot({ serverInfo: { name: 'nest-mcp-demo', version: '0.1.0' }, ...options }),
      TutorModule,
    ],
  })
  class TutorTestApp {}
  return TutorTestApp;
}

describe('GET /metrics on the demo', () => {
  let demo: RunningApp;
  let client: Client;
  let transport: StreamableHTTPClientTransport;

  beforeAll(async () => {
    demo = await startDemoApp();
    client = new Client({ name: 'metrics-e2e', version: '1.0.0' });
    transport = new StreamableHTTPClientTransport(new URL(demo.url));
    await client.connect(transport);
  });
  afterAll(async () => {
    await client?.close();
    await demo?.close();
  });

  it('answers Prometheus text with every MCP series, uncached', async () => {
    const res = await get(`${demo.origin}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    for (const name of [
      'mcp_tool_calls_total',
      'mcp_tool_call_duration_seconds',
      'mcp_sessions_active',
      'mcp_sse_streams_open',
      'mcp_signature_failures_total',
      'mcp_rate_limited_total',
    ]) {
      expect(res.text).toContain(`# TYPE ${name} `);
    }
    expect(sample(res.text, 'mcp_signature_failures_total')).toBe(0);
    expect(res.text).toContain('mcp_rate_limited_total{scope="principal"} 0');
  });

  it('a tool call moves mcp_tool_calls_total and the latency histogram', async () => {
    const ok = 'mcp_tool_calls_total{tool="conjugate",outcome="ok"}';
    const count = 'mcp_tool_call_duration_seconds_count{tool="conjugate",outcome="ok"}';
    const before = (await get(`${demo.origin}/metrics`)).text;
    const result = await client.callTool({
      name: 'conjugate',
      arguments: { verb: 'eat', tense: 'past_simple', person: '3sg' },
    });
    expect(result.isError).toBeFalsy();
    const after = (await get(`${demo.origin}/metrics`)).text;
    expect(sample(after, ok)).toBe(sample(before, ok) + 1);
    expect(sample(after, count)).toBe(sample(before, count) + 1);
  });

  it('a tool error counts as outcome="error"; an unknown tool adds no series', async () => {
    const failed = 'mcp_tool_calls_total{tool="lookup_irregular_verb",outcome="error"}';
    const before = (await get(`${demo.origin}/metrics`)).text;
    const result = await client.callTool({
      name: 'lookup_irregular_verb',
      arguments: { verb: 'walk' },
    });
    expect(result.isError).toBe(true);
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow();
    const after = (await get(`${demo.origin}/metrics`)).text;
    expect(sample(after, failed)).toBe(sample(before, failed) + 1);
    expect(after).not.toContain('no_such_tool');
  });

  it('counts live sessions and open SSE streams', async () => {
    const text = (await get(`${demo.origin}/metrics`)).text;
    expect(sample(text, 'mcp_sessions_active')).toBe(1);
    // The v1 client keeps the session's standalone GET stream open.
    expect(sample(text, 'mcp_sse_streams_open')).toBeGreaterThanOrEqual(1);
    await transport.terminateSession();
    const after = (await get(`${demo.origin}/metrics`)).text;
    expect(sample(after, 'mcp_sessions_active')).toBe(0);
  });

  it("keeps its series out of prom-client's global registry and exposes its own", async () => {
    expect(register.getSingleMetric('mcp_tool_calls_total')).toBeUndefined();
    const metrics = demo.app.get(McpMetrics);
    expect(metrics.available).toBe(true);
    expect(await metrics.registry!.metrics()).toContain(
      'mcp_tool_calls_total{tool="conjugate",outcome="ok"}',
    );
  });

  it('McpMetrics counters for the security work show up', async () => {
    const metrics = demo.app.get(McpMetrics);
    metrics.signatureFailure();
    metrics.rateLimited('tool');
    const text = (await get(`${demo.origin}/metrics`)).text;
    expect(sample(text, 'mcp_signature_failures_total')).toBe(1);
    expect(sample(text, 'mcp_rate_limited_total{scope="tool"}')).toBe(1);
  });
});

/** prom-client as if it were not installed: the loader fails the way Node's does. */
class MetricsWithoutPromClient extends McpMetrics {
  protected override loadPromClient(): Promise<unknown> {
    const error = Object.assign(new Error("Cannot find package 'prom-client'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    return Promise.reject(error);
  }
}

describe('metrics configuration', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('without prom-client: 501 with an install hint, and MCP still works', async () => {
    // Only the optional-peer loader is replaced; everything else is the real module.
    const moduleRef = await Test.createTestingModule({ imports: [tutorApp({})] })
      .overrideProvider(McpMetrics)
      .useClass(MetricsWithoutPromClient)
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    running = {
      app,
      port,
      origin: `http://127.0.0.1:${port}`,
      url: `http://127.0.0.1:${port}/mcp`,
      close: () => app.close(),
    };
    expect(app.get(McpMetrics).available).toBe(false);
    const res = await get(`${running.origin}/metrics`);
    expect(res.status).toBe(501);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('npm install prom-client');
    const client = new Client({ name: 'no-prom', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(running.url)));
    const result = await client.callTool({ name: 'lookup_spanish', arguments: { word: 'ate' } });
    expect(result.isError).toBeFalsy();
    await client.close();
  });

  it('the path is configurable', async () => {
    running = await startApp(tutorApp({ metrics: { path: 'internal/prom' } }));
    expect((await get(`${running.origin}/internal/prom`)).status).toBe(200);
    expect((await get(`${running.origin}/metrics`)).status).toBe(404);
  });

  it('metrics: false removes the endpoint', async () => {
    running = await startApp(tutorApp({ metrics: false }));
    expect((await get(`${running.origin}/metrics`)).status).toBe(404);
  });
});
