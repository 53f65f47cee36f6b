import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpModule } from '../../src/mcp/index.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { EchoTools } from '../support/echo.tools.js';
import { call, type RawResponse } from '../support/wire/http.client.js';
import { statelessRequest, toolCall } from '../support/wire/stateless.requests.js';

/** The host's own route, throttled by the host's own global guard. */
@Controller('hello')
class HelloController {
  @Get()
  hello(): { hello: string } {
    return { hello: 'world' };
  }
}

/** A host app with its own throttling (3/min, global guard) beside nest-mcp's (5/min). */
@Module({
  imports: [
    ThrottlerModule.forRoot([{ ttl: 60_000, limit: 3 }]),
    McpModule.forRoot({
      serverInfo: { name: 'throttler-coexistence', version: '1.0.0' },
      rateLimit: { anonymous: { limit: 5, ttlMs: 60_000 } },
    }),
  ],
  controllers: [HelloController],
  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }, EchoTools],
})
class HostAppModule {}

describe.each(['express', 'fastify'] as const)(
  'a host ThrottlerModule + global ThrottlerGuard beside the MCP limits on %s',
  (adapter) => {
    let host: RunningApp;
    let echoes = 0;

    const echo = (): Promise<RawResponse> => {
      const id = ++echoes;
      return call(host.url, toolCall('echo', { text: `hi ${id}` }, id));
    };
    const hello = (): Promise<RawResponse> => call(`${host.origin}/hello`, { method: 'GET' });

    beforeAll(async () => {
      host = await startApp(HostAppModule, { adapter });
    });

    afterAll(async () => {
      await host?.close();
    });

    it('MCP gets its own 5 (not the host 3): the 6th is 429, Retry-After, -32013', async () => {
      for (let i = 1; i <= 5; i++) {
        const ok = await echo();
        expect(ok.status).toBe(200);
        expect(ok.json().result.content[0].text).toBe(`hi ${i}`);
      }
      const limited = await echo();
      expect(limited.status).toBe(429);
      const retryAfter = limited.headers['retry-after'];
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      expect(limited.json()).toMatchObject({
        jsonrpc: '2.0',
        // Refused before the body is parsed, so the id is not echoed (null).
        error: { code: -32013, data: { retryAfter: Number(retryAfter) } },
      });
      // Not the host's ThrottlerException: the answer is the library's JSON-RPC error.
      expect(limited.text).not.toContain('ThrottlerException');
    });

    it("the host route keeps its own 3, untouched by MCP's traffic and MCP's 429", async () => {
      for (let i = 0; i < 3; i++) {
        const ok = await hello();
        expect(ok.status).toBe(200);
        expect(ok.json()).toEqual({ hello: 'world' });
      }
      const limited = await hello();
      expect(limited.status).toBe(429);
      expect(limited.json()).toEqual({
        statusCode: 429,
        message: 'ThrottlerException: Too Many Requests',
      });
    });

    it('each limiter still holds its own line afterwards', async () => {
      expect((await echo()).status).toBe(429);
      expect((await hello()).status).toBe(429);
    });
  },
);

describe('MCP limits alone leave the host route free', () => {
  @Module({
    imports: [
      McpModule.forRoot({
        serverInfo: { name: 'mcp-limits-only', version: '1.0.0' },
        rateLimit: { anonymous: { limit: 2, ttlMs: 60_000 } },
      }),
    ],
    controllers: [HelloController],
    providers: [EchoTools],
  })
  class McpOnlyModule {}

  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(McpOnlyModule);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('after MCP answers 429, the host route still answers every request', async () => {
    const statuses: number[] = [];
    for (let id = 1; id <= 3; id++) {
      const response = await call(app.url, statelessRequest('tools/list', {}, { id }));
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    for (let i = 0; i < 10; i++) {
      expect((await call(`${app.origin}/hello`, { method: 'GET' })).status).toBe(200);
    }
  });
});

/** A host whose throttlers have names of their own (not `default`), and no MCP limits at all. */
@Module({
  imports: [
    ThrottlerModule.forRoot([
      { name: 'short', ttl: 60_000, limit: 2 },
      { name: 'long', ttl: 60_000, limit: 4 },
    ]),
    McpModule.forRoot({ serverInfo: { name: 'named-throttlers', version: '1.0.0' } }),
  ],
  controllers: [HelloController],
  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }, EchoTools],
})
class NamedThrottlersModule {}

describe('a host with named throttlers (short, long) beside nest-mcp', () => {
  let host: RunningApp;

  beforeAll(async () => {
    host = await startApp(NamedThrottlersModule);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('every named throttler skips the MCP endpoint and its tools, and still limits the host route', async () => {
    for (let i = 1; i <= 8; i++) {
      const res = await call(host.url, toolCall('echo', { text: `n${i}` }, i));
      expect(res.status).toBe(200);
      expect(res.json().result).toMatchObject({ content: [{ type: 'text', text: `n${i}` }] });
      expect(res.json().result.isError).toBeUndefined();
    }
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call(`${host.origin}/hello`, { method: 'GET' })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
