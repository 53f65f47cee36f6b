import { Body, Controller, Module, Post } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpModule } from '../../src/mcp/index.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { EchoTools } from '../support/echo.tools.js';
import { call } from '../support/wire/http.client.js';
import { toolCall } from '../support/wire/stateless.requests.js';

/** The host's own JSON route: its body must reach it parsed, as if nest-mcp were not there. */
@Controller('orders')
class OrdersController {
  @Post()
  create(@Body() body: { item?: string; qty?: number }): { received: unknown } {
    return { received: body };
  }
}

@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'host-body-routes', version: '1.0.0' } })],
  controllers: [OrdersController],
  providers: [EchoTools],
})
class HostAppModule {}

describe.each(['express', 'fastify'] as const)(
  "the host's own JSON routes beside the MCP endpoint on %s",
  (adapter) => {
    let host: RunningApp;

    beforeAll(async () => {
      host = await startApp(HostAppModule, { adapter });
    });

    afterAll(async () => {
      await host?.close();
    });

    it("parses the host route's JSON body with the host's parser, untouched by nest-mcp", async () => {
      const body = JSON.stringify({ item: 'tea', qty: 3 });
      const res = await call(`${host.origin}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(201);
      expect(res.json()).toEqual({ received: { item: 'tea', qty: 3 } });
    });

    it('serves MCP on the same app, then the host route again', async () => {
      const res = await call(host.url, toolCall('echo', { text: 'hello' }, 1));
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.json())).toContain('hello');
      const again = await call(`${host.origin}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"item":"milk"}',
      });
      expect(again.json()).toEqual({ received: { item: 'milk' } });
    });
  },
);
