import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as StreamableV2,
} from '@modelcontextprotocol/client';
import { Injectable, Module, type Type } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Args,
  bootstrapStdio,
  InjectMcpNotifier,
  InjectMcpRegistry,
  McpModule,
  McpNotifier,
  McpRegistry,
  PublicTool,
  StaticKeyStore,
  Tool,
} from '../../src/mcp/index.js';
import { createSignedFetch } from '../../src/mcp/agent/index.js';
import { McpMessages } from '../../src/mcp/config/mcp.messages.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { hmacAgent } from '../support/security/agents.js';
import { call } from '../support/wire/http.client.js';
import { closeApp } from '../support/close-app.js';

const ECHO_SCHEMA = {
  type: 'object',
  properties: { text: { type: 'string' } },
  required: ['text'],
} as const;

@PublicTool()
@Injectable()
class PublicTools {
  @Tool({ name: 'public_echo', description: 'Echoes for everyone.', inputSchema: ECHO_SCHEMA })
  echo(@Args() args: { text: string }): string {
    return `public:${args.text}`;
  }
}

/** The admin server's only agent; its server refuses unsigned requests. */
const OPERATOR = hmacAgent('operator.hmac', 'operator', []);
const PUBLIC_BASE_URL = 'https://shop.example';
const signed = createSignedFetch({ ...OPERATOR.signing, publicBaseUrl: PUBLIC_BASE_URL });

@Injectable()
class AdminTools {
  @Tool({ name: 'admin_echo', description: 'Echoes for admins.', inputSchema: ECHO_SCHEMA })
  echo(@Args() args: { text: string }): string {
    return `admin:${args.text}`;
  }
}

/** Adds a tool to the admin server at run time, through the named injection helpers. */
@Injectable()
class AdminRuntime {
  constructor(
    @InjectMcpRegistry('admin') readonly adminRegistry: McpRegistry,
    @InjectMcpNotifier('admin') readonly adminNotifier: McpNotifier,
    readonly defaultRegistry: McpRegistry,
    readonly defaultNotifier: McpNotifier,
  ) {}
}

@Module({ providers: [AdminTools] })
class AdminToolsModule {}

@Module({
  imports: [
    McpModule.forRoot({ serverInfo: { name: 'public', version: '1.0.0' } }),
    // forRootAsync for the admin server: both registration styles take name/path/include.
    McpModule.forRootAsync({
      name: 'admin',
      path: 'mcp/admin',
      include: [AdminToolsModule],
      useFactory: () => ({
        serverInfo: { name: 'admin', version: '2.0.0' },
        signing: {
          keys: StaticKeyStore.fromConfig([OPERATOR.entry]),
          publicBaseUrl: PUBLIC_BASE_URL,
          allowAnonymous: false,
        },
      }),
    }),
    AdminToolsModule,
  ],
  providers: [PublicTools, AdminRuntime],
})
class TwoServersApp {}

const names = (list: { tools: { name: string }[] }): string[] =>
  list.tools.map((t) => t.name).sort();

describe.each(['express', 'fastify'] as const)('two MCP servers in one app on %s', (adapter) => {
  let app: RunningApp;
  let publicClient: Client;
  let adminClient: ClientV2;

  beforeAll(async () => {
    app = await startApp(TwoServersApp, { adapter });
    publicClient = new Client({ name: 'public-client', version: '1.0.0' });
    await publicClient.connect(new StreamableHTTPClientTransport(new URL(`${app.origin}/mcp`)));
    adminClient = new ClientV2(
      { name: 'admin-client', version: '1.0.0' },
      { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await adminClient.connect(
      new StreamableV2(new URL(`${app.origin}/mcp/admin`), { fetch: signed }),
    );
  });

  afterAll(async () => {
    await publicClient?.close();
    await adminClient?.close();
    await closeApp(app);
  });

  it('each client sees only its own server and tools', async () => {
    expect(publicClient.getServerVersion()).toMatchObject({ name: 'public' });
    expect(names(await publicClient.listTools())).toEqual(['public_echo']);
    expect(names(await adminClient.listTools())).toEqual(['admin_echo']);

    const ok = await adminClient.callTool({ name: 'admin_echo', arguments: { text: 'x' } });
    expect(ok.content).toEqual([{ type: 'text', text: 'admin:x' }]);
    const foreign = await publicClient
      .callTool({ name: 'admin_echo', arguments: { text: 'x' } })
      .catch((error: Error) => ({ isError: true, content: [{ text: error.message }] }));
    expect(foreign.isError).toBe(true);
    expect(JSON.stringify(foreign.content)).toMatch(/Unknown tool|admin_echo/);
  });

  it('applies each server’s own auth: the admin server refuses unsigned requests', async () => {
    const unsigned = new Client({ name: 'unsigned', version: '1.0.0' });
    await expect(
      unsigned.connect(new StreamableHTTPClientTransport(new URL(`${app.origin}/mcp/admin`))),
    ).rejects.toThrow(/credentials required/);
    // …while the public server answers anonymous callers.
    const pub = await publicClient.callTool({ name: 'public_echo', arguments: { text: 'y' } });
    expect(pub.content).toEqual([{ type: 'text', text: 'public:y' }]);
  });

  it('injects each server’s registry by name; the default keeps the plain class token', async () => {
    const runtime = app.app.get(AdminRuntime);
    expect(runtime.adminRegistry).not.toBe(runtime.defaultRegistry);
    expect(runtime.adminNotifier).not.toBe(runtime.defaultNotifier);
    runtime.adminRegistry.registerTool(
      { name: 'admin_runtime', description: 'Added at run time.' },
      () => 'runtime',
      { public: true },
    );
    try {
      // A fresh client: the stateless one above may answer tools/list from its cache (ttlMs).
      const fresh = new Client({ name: 'fresh', version: '1.0.0' });
      await fresh.connect(
        new StreamableHTTPClientTransport(new URL(`${app.origin}/mcp/admin`), { fetch: signed }),
      );
      expect(names(await fresh.listTools())).toEqual(['admin_echo', 'admin_runtime']);
      await fresh.close();
      expect(names(await publicClient.listTools())).toEqual(['public_echo']);
    } finally {
      runtime.adminRegistry.remove('tools', 'admin_runtime');
    }
  });

  it('gives each server its own docs, health and metrics', async () => {
    const pub = (await call(`${app.origin}/mcp/docs.json`, { method: 'GET' })).json();
    const adm = (await call(`${app.origin}/mcp/admin/docs.json`, { method: 'GET' })).json();
    expect(pub.tools.map((t: { name: string }) => t.name)).toEqual(['public_echo']);
    expect(adm.tools.map((t: { name: string }) => t.name)).toEqual(['admin_echo']);
    expect(adm.server.name).toBe('admin');
    const admPaths = adm.endpoints.map((e: { path: string }) => e.path);
    expect(admPaths).toEqual(
      expect.arrayContaining(['/mcp/admin', '/mcp/admin/sse', '/mcp/admin/health']),
    );
    expect(admPaths).not.toContain('/health');

    const page = await call(`${app.origin}/mcp/admin/docs`, { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('admin_echo');
    expect(page.text).not.toContain('public_echo');

    for (const path of ['/health/ready', '/mcp/health', '/mcp/admin/health'])
      expect((await call(`${app.origin}${path}`, { method: 'GET' })).status, path).toBe(200);
    // The app-wide probe covers both servers; each server's own covers itself.
    const appWide = (await call(`${app.origin}/health/ready`, { method: 'GET' })).json();
    expect(Object.keys(appWide.details)).toEqual(
      expect.arrayContaining(['sessionStore', 'admin.sessionStore', 'admin.discovery']),
    );
    const own = (await call(`${app.origin}/mcp/admin/health`, { method: 'GET' })).json();
    expect(Object.keys(own.details).sort()).toEqual([
      'discovery',
      'eventStore',
      'lifecycle',
      'replayStore',
      'sessionStore',
      'taskStore',
    ]);

    const pubMetrics = await call(`${app.origin}/metrics`, { method: 'GET' });
    const admMetrics = await call(`${app.origin}/mcp/admin/metrics`, { method: 'GET' });
    expect(admMetrics.status).toBe(200);
    expect(admMetrics.text).toMatch(
      /mcp_tool_calls_total\{tool="admin_echo",outcome="ok",server="admin"\} [1-9]/,
    );
    expect(pubMetrics.text).not.toContain('admin_echo');
    expect(pubMetrics.text).not.toContain('server="admin"');
  });

  it('serves the legacy SSE transport of a named server under its path', async () => {
    const client = new Client({ name: 'legacy', version: '1.0.0' });
    await client.connect(
      new SSEClientTransport(new URL(`${app.origin}/mcp/admin/sse`), { fetch: signed }),
    );
    try {
      expect(names(await client.listTools())).toEqual(['admin_echo']);
    } finally {
      await client.close();
    }
  });
});

describe('stdio serves one chosen server', () => {
  it('serves the admin server’s tools only', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const lines: string[] = [];
    output.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n')));
    const stdio = await bootstrapStdio(TwoServersApp, {
      input,
      output,
      logger: false,
      server: 'admin',
    });
    input.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'stdio', version: '1' } } })}\n`,
    );
    input.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    input.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}\n`);
    await new Promise<void>((resolve) => {
      const check = (): void =>
        lines.some((l) => l.includes('"id":2')) ? resolve() : void setTimeout(check, 10);
      check();
    });
    const list = JSON.parse(lines.find((l) => l.includes('"id":2'))!) as {
      result: { tools: { name: string }[] };
    };
    expect(names(list.result)).toEqual(['admin_echo']);
    input.end();
    await stdio.closed;
  });

  it('names the servers when the chosen one does not exist', async () => {
    await expect(
      bootstrapStdio(TwoServersApp, {
        input: new PassThrough(),
        output: new PassThrough(),
        logger: false,
        server: 'nope',
      }),
    ).rejects.toThrow(McpMessages.unknownServer('nope', ['default', 'admin']));
  });
});

describe('boot failures of several servers', () => {
  async function bootError(module: Type<unknown>): Promise<string> {
    const app = await startApp(module).catch((error: Error) => error);
    if (app instanceof Error) return app.message;
    await app.close();
    throw new Error('the app booted, but it should have failed');
  }

  it('a named server on the default path', async () => {
    @Module({
      imports: [
        McpModule.forRoot({ serverInfo: { name: 'a', version: '1' } }),
        McpModule.forRoot({ name: 'admin', serverInfo: { name: 'b', version: '1' } }),
      ],
    })
    class SamePathApp {}
    const message = await bootError(SamePathApp);
    expect(message).toBe(
      McpMessages.duplicateRegistration('the route /mcp (servers "default" and "admin")'),
    );
    expect(message).toContain("path: 'mcp/admin'");
  });

  it('two servers of the same name', async () => {
    @Module({
      imports: [
        McpModule.forRoot({ name: 'x', path: 'one', serverInfo: { name: 'a', version: '1' } }),
        McpModule.forRoot({ name: 'x', path: 'two', serverInfo: { name: 'b', version: '1' } }),
      ],
    })
    class SameNameApp {}
    expect(await bootError(SameNameApp)).toBe(McpMessages.duplicateRegistration('the name "x"'));
  });
});
