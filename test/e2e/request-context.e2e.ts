import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as StreamableV2,
} from '@modelcontextprotocol/client';
import { Injectable, Module } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootstrapStdio,
  McpCtx,
  McpModule,
  PublicTool,
  Tool,
  type McpContext,
} from '../../src/mcp/index.js';
import { closeApp } from '../support/close-app.js';
import { startApp, type RunningApp } from '../support/demo-app.js';

/** What the `whoami` tool reports of its call context. */
interface Seen {
  tenant: string | null;
  tenantAnyCase: string | null;
  contentLength: string | null;
  frozen: boolean;
  era: string;
  protocolVersion: string;
  clientInfo: Record<string, unknown> | null;
  capabilityKeys: string[];
  principal: string;
}

@PublicTool()
@Injectable()
class ContextTools {
  @Tool({
    name: 'whoami',
    description: 'Reports what a tool sees of its request.',
    inputSchema: { type: 'object', properties: {} },
  })
  whoami(@McpCtx() ctx: McpContext): Seen {
    return {
      tenant: ctx.headers['x-tenant'] ?? null,
      tenantAnyCase: ctx.header('X-Tenant') ?? null,
      contentLength: ctx.headers['content-length'] ?? null,
      frozen: Object.isFrozen(ctx.headers),
      era: ctx.era,
      protocolVersion: ctx.protocolVersion,
      clientInfo: ctx.clientInfo ? { ...ctx.clientInfo } : null,
      capabilityKeys: Object.keys(ctx.clientCapabilities).sort(),
      principal: ctx.principal.kind,
    };
  }
}

@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'ctx', version: '1.0.0' } })],
  providers: [ContextTools],
})
class ContextApp {}

const TENANT = { 'X-Tenant': 'acme' };

/** The tool's object, from its JSON text block (no outputSchema, so no structured content). */
function seen(result: object): Seen {
  const [block] = (result as { content: unknown }).content as { type: string; text: string }[];
  return JSON.parse(block.text) as Seen;
}

describe.each(['express', 'fastify'] as const)('McpContext of a tool on %s', (adapter) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(ContextApp, { adapter });
  });
  afterAll(async () => {
    await closeApp(app);
  });

  it('session era (v1 client): headers of the POST, clientInfo and capabilities of initialize', async () => {
    const client = new Client(
      { name: 'v1-ctx', version: '1.2.3' },
      { capabilities: { roots: { listChanged: true } } },
    );
    await client.connect(
      new StreamableHTTPClientTransport(new URL(app.url), { requestInit: { headers: TENANT } }),
    );
    try {
      const got = seen(await client.callTool({ name: 'whoami', arguments: {} }));
      expect(got).toMatchObject({
        tenant: 'acme',
        tenantAnyCase: 'acme',
        frozen: true,
        era: 'session',
        protocolVersion: '2025-11-25',
        clientInfo: { name: 'v1-ctx', version: '1.2.3' },
        principal: 'anonymous',
      });
      expect(got.capabilityKeys).toContain('roots');
      // The body's real length, as sent (the Fastify body hook never shows through).
      expect(Number(got.contentLength)).toBeGreaterThan(20);
    } finally {
      await client.close();
    }
  });

  it('stateless era (v2 client, 2026-07-28): headers and the _meta envelope of the request', async () => {
    const client = new ClientV2(
      { name: 'v2-ctx', version: '2.0.0' },
      { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(new StreamableV2(new URL(app.url), { requestInit: { headers: TENANT } }));
    try {
      const got = seen(await client.callTool({ name: 'whoami', arguments: {} }));
      expect(got).toMatchObject({
        tenant: 'acme',
        era: 'stateless',
        protocolVersion: '2026-07-28',
        principal: 'anonymous',
      });
      expect(got.clientInfo).toMatchObject({ name: 'v2-ctx', version: '2.0.0' });
    } finally {
      await client.close();
    }
  });

  it('legacy HTTP+SSE: headers of the POST to the messages path', async () => {
    const client = new Client({ name: 'sse-ctx', version: '0.1.0' });
    await client.connect(
      new SSEClientTransport(new URL(`${app.origin}/sse`), { requestInit: { headers: TENANT } }),
    );
    try {
      const got = seen(await client.callTool({ name: 'whoami', arguments: {} }));
      expect(got).toMatchObject({
        tenant: 'acme',
        era: 'session',
        clientInfo: { name: 'sse-ctx', version: '0.1.0' },
      });
    } finally {
      await client.close();
    }
  });
});

describe('McpContext on stdio', () => {
  it('has no headers, and the client info of initialize', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const stdio = await bootstrapStdio(ContextApp, { input, output, logger: false });
    const send = (message: unknown): boolean => input.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'desktop', version: '9' },
      },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'whoami', arguments: {} },
    });
    const answer = await new Promise<Seen>((resolve) => {
      const check = (): void => {
        const line = text.split('\n').find((l) => l.includes('"id":2'));
        if (line) resolve(seen((JSON.parse(line) as { result: { content: unknown } }).result));
        else setTimeout(check, 10);
      };
      check();
    });
    expect(answer).toMatchObject({
      tenant: null,
      contentLength: null,
      frozen: true,
      era: 'session',
      clientInfo: { name: 'desktop', version: '9' },
      principal: 'local',
    });
    input.end();
    await stdio.closed;
  });
});
