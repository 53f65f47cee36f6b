import { SpanKind, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import { ANONYMOUS_PRINCIPAL } from '../security/principal.interface.js';
import { McpTelemetry } from './mcp-telemetry.service.js';
import { otelRegistered } from './otel-api.loader.js';

const OPTIONS = { serverInfo: { name: 'spec', version: '1.0.0' } } as McpModuleOptions;

const call = {
  message: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
  principal: ANONYMOUS_PRINCIPAL,
  signal: new AbortController().signal,
} as const;

afterEach(() => trace.disable());

describe('McpTelemetry', () => {
  it('starts without the OpenTelemetry API, and records once a provider is registered later', async () => {
    expect(otelRegistered()).toBe(false);
    const telemetry = new McpTelemetry(OPTIONS, new McpRegistry());
    await telemetry.onModuleInit();
    expect(telemetry.active).toBe(false);

    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
    expect(otelRegistered()).toBe(true);
    // The first look after registration starts loading the API; it is active once loaded.
    await expect.poll(() => telemetry.active).toBe(true);

    await telemetry.operation(call, async () => ({ tools: [] }));
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ name: 'tools/list', kind: SpanKind.SERVER });
  });

  it('loads the API at boot when a provider is registered before', async () => {
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
    const telemetry = new McpTelemetry(OPTIONS, new McpRegistry());
    await telemetry.onModuleInit();
    expect(telemetry.active).toBe(true);
  });

  it('stays off when disabled, whatever is registered', async () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    const telemetry = new McpTelemetry(
      { ...OPTIONS, telemetry: { enabled: false } },
      new McpRegistry(),
    );
    await telemetry.onModuleInit();
    expect(telemetry.active).toBe(false);
    await Promise.resolve();
    expect(telemetry.active).toBe(false);
  });
});
