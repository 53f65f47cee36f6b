import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as StreamableV2,
} from '@modelcontextprotocol/client';
import {
  Injectable,
  type DynamicModule,
  Module,
  VERSION_NEUTRAL,
  VersioningType,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Args, McpModule, PublicTool, Tool, type McpModuleExtras } from '../../src/mcp/index.js';
import { startApp, type RunningApp, type TestAdapter } from '../support/demo-app.js';
import { closeApp } from '../support/close-app.js';
import { call } from '../support/wire/http.client.js';

@PublicTool()
@Injectable()
class RoutedTools {
  @Tool({
    name: 'shout',
    description: 'Upper-cases its text.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  })
  shout(@Args() args: { text: string }): string {
    return args.text.toUpperCase();
  }
}

function appWith(extras: McpModuleExtras = {}, imports: (Type | DynamicModule)[] = []): Type {
  @Module({
    imports: [
      McpModule.forRoot({ serverInfo: { name: 'routed', version: '1.0.0' }, ...extras }),
      ...imports,
    ],
    providers: [RoutedTools],
  })
  class RoutedApp {}
  return RoutedApp;
}

const get = (url: string) => call(url, { method: 'GET' });

/** Lists and calls through the three client paths: v1 session era, v2 stateless, legacy SSE. */
async function exercise(origin: string, mcpPath: string, ssePath: string): Promise<void> {
  const v1 = new Client({ name: 'v1-routing', version: '1.0.0' });
  await v1.connect(new StreamableHTTPClientTransport(new URL(`${origin}${mcpPath}`)));
  const v2 = new ClientV2(
    { name: 'v2-routing', version: '1.0.0' },
    { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await v2.connect(new StreamableV2(new URL(`${origin}${mcpPath}`)));
  const sse = new Client({ name: 'sse-routing', version: '1.0.0' });
  await sse.connect(new SSEClientTransport(new URL(`${origin}${ssePath}`)));
  try {
    for (const client of [v1, v2, sse] as Client[]) {
      const result = await client.callTool({ name: 'shout', arguments: { text: 'hi' } });
      expect(result.content).toEqual([{ type: 'text', text: 'HI' }]);
    }
  } finally {
    await Promise.all([v1.close(), v2.close(), sse.close()]);
  }
}

/** The endpoints docs.json lists, by name → path. */
async function documented(url: string): Promise<Record<string, string>> {
  const response = await get(url);
  expect(response.status).toBe(200);
  const doc = response.json<{ endpoints: { name: string; path: string }[] }>();
  return Object.fromEntries(doc.endpoints.map((e) => [e.name, e.path]));
}

async function boot(
  adapter: TestAdapter,
  module: Type,
  configure: (app: INestApplication) => void,
): Promise<RunningApp> {
  return startApp(module, { adapter, configure });
}

describe.each(['express', 'fastify'] as const)('routing on %s', (adapter) => {
  describe('global prefix and URI version', () => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await boot(adapter, appWith(), (nest) => {
        nest.setGlobalPrefix('api');
        nest.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
      });
    });
    afterAll(async () => {
      await closeApp(app);
    });

    it('serves /api/v1/mcp and /api/v1/sse to real clients', async () => {
      await exercise(app.origin, '/api/v1/mcp', '/api/v1/sse');
      expect((await call(`${app.origin}/mcp`, { method: 'GET' })).status).toBe(404);
    });

    it('serves health, docs and metrics under the prefix and version, and documents them so', async () => {
      for (const path of ['/api/v1/health', '/api/v1/health/ready', '/api/v1/mcp/health'])
        expect((await get(`${app.origin}${path}`)).status, path).toBe(200);
      expect((await get(`${app.origin}/api/v1/metrics`)).status).toBe(200);
      expect((await get(`${app.origin}/api/v1/mcp/docs`)).status).toBe(200);
      expect(await documented(`${app.origin}/api/v1/mcp/docs.json`)).toMatchObject({
        mcp: '/api/v1/mcp',
        sse: '/api/v1/sse',
        messages: '/api/v1/messages',
        health: '/api/v1/mcp/health',
        readiness: '/api/v1/health/ready',
        metrics: '/api/v1/metrics',
      });
    });
  });

  describe('version: VERSION_NEUTRAL keeps the MCP routes out of the app’s versions', () => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await boot(adapter, appWith({ version: VERSION_NEUTRAL }), (nest) => {
        nest.setGlobalPrefix('api', { exclude: ['health', 'health/ready'] });
        nest.enableVersioning({ type: VersioningType.URI, defaultVersion: '2' });
      });
    });
    afterAll(async () => {
      await closeApp(app);
    });

    it('serves /api/mcp, and /health outside the prefix as excluded', async () => {
      await exercise(app.origin, '/api/mcp', '/api/sse');
      expect((await get(`${app.origin}/health/ready`)).status).toBe(200);
      expect(await documented(`${app.origin}/api/mcp/docs.json`)).toMatchObject({
        mcp: '/api/mcp',
        messages: '/api/messages',
        liveness: '/health',
        readiness: '/health/ready',
      });
    });
  });

  describe('RouterModule', () => {
    let app: RunningApp;
    beforeAll(async () => {
      const module = appWith({}, [RouterModule.register([{ path: 'ai', module: McpModule }])]);
      app = await boot(adapter, module, (nest) => nest.setGlobalPrefix('api'));
    });
    afterAll(async () => {
      await closeApp(app);
      // RouterModule writes its path on the module class: leave McpModule as found.
      for (const key of Reflect.getMetadataKeys(McpModule))
        if (String(key).startsWith('__module_path__')) Reflect.deleteMetadata(key, McpModule);
    });

    it('serves /api/ai/mcp and /api/ai/sse, and documents them so', async () => {
      await exercise(app.origin, '/api/ai/mcp', '/api/ai/sse');
      expect((await get(`${app.origin}/api/ai/health/ready`)).status).toBe(200);
      expect(await documented(`${app.origin}/api/ai/mcp/docs.json`)).toMatchObject({
        mcp: '/api/ai/mcp',
        messages: '/api/ai/messages',
        metrics: '/api/ai/metrics',
      });
    });
  });
});
