import { Module } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { McpModule } from '../../src/mcp/index.js';
import { FixtureTasksTools } from '../fixture/fixture-tasks.tools.js';
import { startApp } from '../support/demo-app.js';
import { call } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { initializeMessage, sessionHeaders } from '../support/wire/session.requests.js';
import { JSON_POST_HEADERS } from '../support/wire/wire.constants.js';
import { SseReader } from '../support/sse-reader.js';

const RETRY_MS = 1_234;

@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'shutdown', version: '1.0.0' },
      sse: { retryMs: RETRY_MS },
      shutdown: { drainTimeoutMs: 5_000 },
    }),
  ],
  providers: [FixtureTasksTools],
})
class ShutdownModule {}

describe.each(['express', 'fastify'] as const)('graceful shutdown (%s)', (adapter) => {
  it('readiness 503 first, new requests 503, the call in flight finishes, SSE streams end with retry:', async () => {
    const app = await startApp(ShutdownModule, { adapter });
    const sessionId = await openSession(app.url);
    const stream = await fetch(app.url, {
      headers: {
        accept: 'text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-11-25',
      },
    });
    expect(stream.status).toBe(200);
    const events = new SseReader(stream.body!);
    const inFlight = call(app.url, {
      headers: sessionHeaders(sessionId),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 9,
        method: 'tools/call',
        params: { name: 'slow_compute', arguments: { seconds: 0.8 } },
      }),
    });
    await new Promise((r) => setTimeout(r, 150));
    const closing = app.app.close();
    const order: string[] = [];
    void inFlight.then(() => order.push('call finished'));
    void events.ended.then(() => order.push('stream ended'));

    const ready = await call(`${app.origin}/health/ready`, { method: 'GET' });
    order.push(`ready ${ready.status}`);
    const fresh = await call(app.url, {
      headers: JSON_POST_HEADERS,
      body: JSON.stringify(initializeMessage()),
    });
    order.push(`new request ${fresh.status}`);
    expect(fresh.headers['retry-after']).toBe('1');

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('compute: done after 0.8 s');
    await events.ended;
    expect(events.retries).toContain(RETRY_MS);
    await closing;
    expect(order).toEqual(['ready 503', 'new request 503', 'call finished', 'stream ended']);
  });
});
