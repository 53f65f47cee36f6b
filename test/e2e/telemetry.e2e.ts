import 'reflect-metadata';
import {
  Catch,
  Injectable,
  Module,
  UseFilters,
  type ArgumentsHost,
  type ExceptionFilter,
  type LoggerService,
} from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { context, metrics, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  MeterProvider,
  MetricReader,
  type DataPoint,
  type Histogram,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Args,
  bootstrapStdio,
  McpCtx,
  McpModule,
  PublicTool,
  Tool,
  type McpContext,
} from '../../src/mcp/index.js';
import { startApp, type RunningApp, type TestAdapter } from '../support/demo-app.js';
import { call, type Wire } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { sessionHeaders } from '../support/wire/session.requests.js';
import { statelessHeaders, statelessMeta } from '../support/wire/stateless.requests.js';
import { STATELESS_VERSION } from '../support/wire/wire.constants.js';
import { waitUntil } from '../support/wait-until.js';

// The caller's trace: every MCP server span below must continue it.
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CLIENT_SPAN}-01`;
const traceMeta = { traceparent: TRACEPARENT, tracestate: 'rojo=00f067aa0ba902b7' };

const app = trace.getTracer('app-under-test');

class OutOfStock extends Error {}

/** A handler's own exception filter still runs (nest-mcp applies filters without Nest's ERROR line). */
@Catch(OutOfStock)
class OutOfStockFilter implements ExceptionFilter {
  catch(error: OutOfStock, host: ArgumentsHost): string {
    return `mapped by ${host.getType()} filter: ${error.message}`;
  }
}

@PublicTool()
@Injectable()
class TracedTools {
  @Tool({ name: 'reserve_order', description: 'Fails in a way its filter maps' })
  @UseFilters(OutOfStockFilter)
  reserve(): string {
    throw new OutOfStock('out of stock');
  }

  @Tool({
    name: 'find_order',
    description: 'Looks an order up (opens its own span, as a database client would)',
    inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
  })
  find(@Args() args: { id: string }): Promise<string> {
    return app.startActiveSpan('db.query orders', async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      span.end();
      return `order ${args.id}`;
    });
  }

  @Tool({
    name: 'archive_order',
    description: 'Slow work, offered as a task',
    inputSchema: { type: 'object' },
    execution: { taskSupport: 'optional' },
  })
  archive(): Promise<string> {
    return app.startActiveSpan('db.query archive', async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      span.end();
      return 'archived';
    });
  }

  @Tool({ name: 'break_order', description: 'Always fails', inputSchema: { type: 'object' } })
  broken(): string {
    throw new Error('the order service is down');
  }

  @Tool({ name: 'confirm_order', description: 'Asks first', inputSchema: { type: 'object' } })
  async confirm(@McpCtx() ctx: McpContext): Promise<string> {
    const answer = await ctx.elicit({
      message: 'Confirm?',
      requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
    });
    return `confirmed: ${answer.action}`;
  }
}

@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'traced', version: '1.0.0' },
      logging: { accessLog: true },
      telemetry: { recordPrincipal: true },
    }),
  ],
  providers: [TracedTools],
})
class TracedModule {}

/** Nest log lines, by level, as the app wrote them. */
class CapturingLogger implements LoggerService {
  readonly lines: { level: string; context?: string; text: string }[] = [];
  private add(level: string, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const text = [message, ...rest]
      .map((part) =>
        part instanceof Error ? `${part.name}: ${part.message}\n${part.stack}` : String(part),
      )
      .join(' ');
    this.lines.push({ level, context, text });
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.add('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.add('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.add('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.add('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.add('verbose', message, rest);
  }
}

/** A reader the test collects on demand. */
class TestReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const reader = new TestReader();
const meterProvider = new MeterProvider({ readers: [reader] });
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
});
afterAll(async () => {
  trace.disable();
  metrics.disable();
  propagation.disable();
  context.disable();
  await tracerProvider.shutdown();
  await meterProvider.shutdown();
});
beforeEach(() => exporter.reset());

const serverSpans = (): ReadableSpan[] =>
  exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER);

/** The single server span of one tools/call, checked against the conventions. */
function toolSpan(tool: string): ReadableSpan {
  const spans = serverSpans().filter((s) => s.attributes['gen_ai.tool.name'] === tool);
  expect(spans, `server spans of ${tool}`).toHaveLength(1);
  const span = spans[0];
  expect(span.name).toBe(`tools/call ${tool}`);
  expect(span.spanContext().traceId).toBe(TRACE_ID);
  expect(span.parentSpanContext?.spanId).toBe(CLIENT_SPAN);
  expect(span.attributes).toMatchObject({
    'mcp.method.name': 'tools/call',
    'gen_ai.operation.name': 'execute_tool',
  });
  return span;
}

function expectChildQuery(server: ReadableSpan): void {
  const query = exporter.getFinishedSpans().find((s) => s.name === 'db.query orders');
  expect(query?.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
  expect(query?.spanContext().traceId).toBe(TRACE_ID);
}

function expectToolError(span: ReadableSpan): void {
  expect(span.attributes['error.type']).toBe('tool_error');
  expect(span.status.code).toBe(SpanStatusCode.ERROR);
  expect(span.status.message).toContain('the order service is down');
}

/** The histogram points of one instrument, after a collection. */
async function histogram(name: string): Promise<DataPoint<Histogram>[]> {
  const { resourceMetrics } = await reader.collect();
  const found = resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((metric) => metric.descriptor.name === name);
  return (found?.dataPoints ?? []) as DataPoint<Histogram>[];
}

describe.each<TestAdapter>(['express', 'fastify'])(
  'OpenTelemetry over Streamable HTTP (%s)',
  (adapter) => {
    let running: RunningApp;
    const logs = new CapturingLogger();

    beforeAll(async () => {
      running = await startApp(TracedModule, { adapter, configure: (a) => a.useLogger(logs) });
    });
    afterAll(() => running?.close());

    it("session era (SDK client): one server span per tools/call, parented to _meta.traceparent; the tool's span is its child; a failing tool sets error.type", async () => {
      const client = new Client({ name: 'otel-e2e', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(running.url));
      await client.connect(transport);
      try {
        const ok = await client.callTool({
          name: 'find_order',
          arguments: { id: 'A1' },
          _meta: traceMeta,
        });
        expect(ok.isError).toBeFalsy();
        const failed = await client.callTool({
          name: 'break_order',
          arguments: {},
          _meta: traceMeta,
        });
        expect(failed.isError).toBe(true);

        // The client's initialize and notification have their spans too.
        const initialized = serverSpans().find((s) => s.name === 'notifications/initialized');
        expect(initialized?.attributes).toMatchObject({ 'mcp.session.id': transport.sessionId });
        expect(serverSpans().some((s) => s.name === 'initialize')).toBe(true);
        const span = toolSpan('find_order');
        expect(span.attributes).toMatchObject({
          'jsonrpc.request.id': expect.any(String),
          'mcp.session.id': transport.sessionId,
          'mcp.protocol.version': '2025-11-25',
          'network.transport': 'tcp',
          'network.protocol.name': 'http',
        });
        // Anonymous callers have no enduser.id even with recordPrincipal on.
        expect(span.attributes['enduser.id']).toBeUndefined();
        expect(span.attributes['error.type']).toBeUndefined();
        expectChildQuery(span);
        expectToolError(toolSpan('break_order'));

        const points = await histogram('mcp.server.operation.duration');
        const call = (tool: string) =>
          points.find((p) => p.attributes['gen_ai.tool.name'] === tool);
        expect(call('find_order')?.attributes).toMatchObject({
          'mcp.method.name': 'tools/call',
          'mcp.protocol.version': '2025-11-25',
          'network.transport': 'tcp',
          'network.protocol.name': 'http',
        });
        expect(call('find_order')?.attributes['error.type']).toBeUndefined();
        expect(call('find_order')?.value.count).toBeGreaterThanOrEqual(1);
        expect(call('break_order')?.attributes['error.type']).toBe('tool_error');
      } finally {
        await transport.terminateSession();
        await client.close();
      }
      const sessions = await histogram('mcp.server.session.duration');
      expect(
        sessions.find((p) => p.attributes['network.protocol.name'] === 'http')?.attributes,
      ).toMatchObject({ 'mcp.protocol.version': '2025-11-25', 'network.transport': 'tcp' });
    });

    it('stateless era: the same span shape; an input-required round is not an error; an unknown tool stays out of names and metrics', async () => {
      const elicits = { 'io.modelcontextprotocol/clientCapabilities': { elicitation: {} } };
      const post = (id: number, name: string) =>
        call(running.url, {
          headers: statelessHeaders('tools/call', name),
          body: JSON.stringify({
            jsonrpc: '2.0',
            id,
            method: 'tools/call',
            params: {
              name,
              arguments: {},
              _meta: { ...statelessMeta(STATELESS_VERSION, elicits), ...traceMeta },
            },
          }),
        });
      expect((await post(1, 'find_order')).json().result.isError).toBeFalsy();
      expect((await post(2, 'break_order')).json().result.isError).toBe(true);
      expect((await post(3, 'confirm_order')).json().result.resultType).toBe('input_required');
      expect((await post(4, 'no_such_tool')).json().error.code).toBe(-32602);
      expect((await post(5, 'reserve_order')).json().result.content[0].text).toBe(
        'mapped by mcp filter: out of stock',
      );

      const span = toolSpan('find_order');
      expect(span.attributes).toMatchObject({
        'jsonrpc.request.id': '1',
        'mcp.protocol.version': STATELESS_VERSION,
        'network.transport': 'tcp',
      });
      expect(span.attributes['mcp.session.id']).toBeUndefined();
      expectChildQuery(span);
      expectToolError(toolSpan('break_order'));
      expect(toolSpan('confirm_order').status.code).toBe(SpanStatusCode.UNSET);
      const unknown = serverSpans().find(
        (s) => s.attributes['gen_ai.tool.name'] === 'no_such_tool',
      );
      expect(unknown?.name).toBe('tools/call');
      expect(unknown?.attributes).toMatchObject({
        'error.type': '-32602',
        'rpc.response.status_code': '-32602',
      });
      const points = await histogram('mcp.server.operation.duration');
      expect(points.some((p) => p.attributes['gen_ai.tool.name'] === 'no_such_tool')).toBe(false);
    });

    it('logs: no ERROR and no stack for protocol flow; one warn per failing tool; one access line per request', () => {
      expect(logs.lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(logs.lines.filter((l) => /\n\s+at /.test(l.text))).toEqual([]);
      const failures = logs.lines.filter(
        (l) => l.level === 'warn' && l.text.includes('break_order'),
      );
      // One per era, each with the request id, the principal and the duration.
      expect(failures).toHaveLength(2);
      expect(failures[1].text).toMatch(
        /Tool break_order failed \(request 2, principal anonymous:anonymous, [\d.]+ ms\): Error: the order service is down/,
      );
      const access = logs.lines.filter((l) => l.context === 'McpAccess').map((l) => l.text);
      expect(access).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/tools\/call find_order ok [\d.]+ ms/),
          expect.stringMatching(/tools\/call break_order tool_error [\d.]+ ms/),
          expect.stringMatching(/tools\/call confirm_order input_required [\d.]+ ms/),
          expect.stringMatching(/tools\/call -32602 [\d.]+ ms/),
        ]),
      );
    });
  },
);

/** A client on the far side of in-process stdio streams (ndjson). */
class StdioPeer {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  private readonly received: Wire[] = [];
  private buffer = '';

  constructor() {
    this.output.setEncoding('utf8');
    this.output.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        this.received.push(JSON.parse(this.buffer.slice(0, nl)) as Wire);
        this.buffer = this.buffer.slice(nl + 1);
      }
    });
  }

  async request(id: number | string, method: string, params: Wire): Promise<Wire> {
    this.input.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    const deadline = Date.now() + 3_000;
    for (;;) {
      const found = this.received.find((m) => m.id === id);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no answer to ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

describe('OpenTelemetry over stdio (in-process streams)', () => {
  it("both eras: server spans on the pipe transport, parented to _meta, with the tool's child span and enduser.id", async () => {
    const peer = new StdioPeer();
    const logs = new CapturingLogger();
    const stdio = await bootstrapStdio(TracedModule, {
      input: peer.input,
      output: peer.output,
      logger: logs,
      ownProcess: false,
    });
    try {
      await peer.request('init', 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'otel-stdio', version: '1' },
      });
      peer.input.write(
        `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`,
      );
      const session = await peer.request(1, 'tools/call', {
        name: 'find_order',
        arguments: { id: 'S' },
        _meta: traceMeta,
      });
      expect(session.result.content[0].text).toBe('order S');
      expect(serverSpans().map((span) => span.name)).toEqual(
        expect.arrayContaining(['initialize', 'notifications/initialized']),
      );
      const sessionSpan = toolSpan('find_order');
      expect(sessionSpan.attributes).toMatchObject({
        'mcp.protocol.version': '2025-06-18',
        'network.transport': 'pipe',
        'jsonrpc.request.id': '1',
        'enduser.id': 'local',
      });
      expect(sessionSpan.attributes['network.protocol.name']).toBeUndefined();
      expectChildQuery(sessionSpan);

      exporter.reset();
      await peer.request(2, 'tools/call', {
        name: 'find_order',
        arguments: { id: 'T' },
        _meta: { ...statelessMeta(), ...traceMeta },
      });
      const failed = await peer.request(3, 'tools/call', {
        name: 'break_order',
        arguments: {},
        _meta: { ...statelessMeta(), ...traceMeta },
      });
      expect(failed.result.isError).toBe(true);
      const statelessSpan = toolSpan('find_order');
      expect(statelessSpan.attributes).toMatchObject({
        'mcp.protocol.version': STATELESS_VERSION,
        'network.transport': 'pipe',
      });
      expectChildQuery(statelessSpan);
      expectToolError(toolSpan('break_order'));
    } finally {
      peer.input.end();
      await stdio.closed;
    }
    const sessions = await histogram('mcp.server.session.duration');
    expect(sessions.some((p) => p.attributes['network.transport'] === 'pipe')).toBe(true);
    // The same log rules on stdio's stderr logger.
    expect(logs.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(
      logs.lines.filter((l) => l.level === 'warn' && l.text.includes('break_order')),
    ).toHaveLength(1);
  });
});

describe('session-era HTTP headers as the parent', () => {
  let running: RunningApp;
  beforeAll(async () => (running = await startApp(TracedModule)));
  afterAll(() => running?.close());

  it('without _meta, the traceparent header of the HTTP request is the parent', async () => {
    const sessionId = await openSession(running.url);
    const res = await call(running.url, {
      headers: sessionHeaders(sessionId, { traceparent: TRACEPARENT }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'find_order', arguments: { id: 'H' } },
      }),
    });
    expect(res.json().result.content[0].text).toBe('order H');
    const span = toolSpan('find_order');
    expect(span.attributes['mcp.session.id']).toBe(sessionId);
  });

  it("a task-augmented tools/call: the task's work nests under the call's span; tasks/get has its own", async () => {
    const sessionId = await openSession(running.url);
    const post = (body: Wire) =>
      call(running.url, { headers: sessionHeaders(sessionId), body: JSON.stringify(body) });
    const created = await post({
      jsonrpc: '2.0',
      id: 8,
      method: 'tools/call',
      params: { name: 'archive_order', arguments: {}, task: { ttl: 60_000 }, _meta: traceMeta },
    });
    const taskId = created.json().result.task.taskId as string;
    const done = () => exporter.getFinishedSpans().find((s) => s.name === 'db.query archive');
    await waitUntil(() => done() !== undefined, "the task's own span");
    expect(done()?.parentSpanContext?.spanId).toBe(toolSpan('archive_order').spanContext().spanId);
    await post({ jsonrpc: '2.0', id: 9, method: 'tasks/get', params: { taskId } });
    expect(serverSpans().find((s) => s.name === 'tasks/get')?.attributes).toMatchObject({
      'mcp.method.name': 'tasks/get',
      'mcp.session.id': sessionId,
    });
  });

  it('the legacy HTTP+SSE transport (SDK SSE client): the same span, parent and child', async () => {
    const client = new Client({ name: 'otel-sse', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${running.origin}/sse`)));
    try {
      await client.callTool({ name: 'find_order', arguments: { id: 'L' }, _meta: traceMeta });
    } finally {
      await client.close();
    }
    const span = toolSpan('find_order');
    expect(span.attributes).toMatchObject({
      'mcp.protocol.version': expect.stringMatching(/^20\d\d-/),
      'mcp.session.id': expect.any(String),
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
    });
    expectChildQuery(span);
  });
});
