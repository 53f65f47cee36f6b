import { Injectable, Module } from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ElicitationCompleteNotificationSchema,
  ElicitRequestSchema,
  McpError as SdkMcpError,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  McpCtx,
  McpModule,
  McpNotifier,
  PublicTool,
  Tool,
  UrlElicitationRequiredError,
  type McpContext,
} from '../../src/mcp/index.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { waitUntil } from '../support/wait-until.js';

const CONSENT = {
  mode: 'url' as const,
  message: 'Connect your calendar',
  url: 'https://calendar.example/consent?x=1',
  elicitationId: 'cal-1',
};

@PublicTool()
@Injectable()
class CalendarTools {
  @Tool({
    name: 'connect_calendar',
    description: 'Sends the user to a consent page (URL-mode elicitation)',
  })
  async connect(@McpCtx() ctx: McpContext): Promise<string> {
    const result = await ctx.elicit(CONSENT);
    return `consent ${result.action}`;
  }

  @Tool({ name: 'list_events', description: 'Needs a consent the user has not given yet' })
  list(): string {
    throw new UrlElicitationRequiredError([CONSENT]);
  }
}

@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'calendar', version: '1.0.0' } })],
  providers: [CalendarTools],
})
class CalendarModule {}

describe('URL-mode elicitation (session era, v1 SDK client)', () => {
  let app: RunningApp;
  const clients: Client[] = [];

  async function connect(
    elicitation: Record<string, unknown>,
  ): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
    const client = new Client(
      { name: 'url-elicitation-e2e', version: '1.0.0' },
      { capabilities: { elicitation } },
    );
    const transport = new StreamableHTTPClientTransport(new URL(app.url));
    await client.connect(transport);
    clients.push(client);
    return { client, transport };
  }

  beforeAll(async () => {
    app = await startApp(CalendarModule);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await app?.close();
  });

  it('sends the URL to a client that declared url mode, and the completion notification later', async () => {
    const { client, transport } = await connect({ url: {} });
    const asked: unknown[] = [];
    const completed: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params);
      return { action: 'accept' };
    });
    client.setNotificationHandler(
      ElicitationCompleteNotificationSchema,
      (n) => void completed.push(n.params.elicitationId),
    );
    const result = await client.callTool({ name: 'connect_calendar', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'consent accept' }]);
    expect(asked).toEqual([expect.objectContaining(CONSENT)]);

    // Later, out of band (say the OAuth callback), the server tells the client the flow is done,
    // on the session's GET stream (which the v1 client opens right after initialize).
    const notifier = app.app.get(McpNotifier);
    let sent = false;
    for (let i = 0; i < 50 && !sent; i++) {
      sent = await notifier.elicitationComplete(transport.sessionId!, 'cal-1');
      if (!sent) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sent).toBe(true);
    await waitUntil(() => completed.includes('cal-1'), 'notifications/elicitation/complete');
  });

  it('a client that declared form mode only gets -32021 naming the url capability, as a JSON-RPC error', async () => {
    const { client } = await connect({});
    client.setRequestHandler(ElicitRequestSchema, () => ({ action: 'accept' }));
    const error = await client
      .callTool({ name: 'connect_calendar', arguments: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkMcpError);
    expect((error as SdkMcpError).code).toBe(-32021);
    expect((error as SdkMcpError).data).toEqual({
      requiredCapabilities: { elicitation: { url: {} } },
    });
  });

  it('UrlElicitationRequiredError reaches the client as -32042 with the URLs to open', async () => {
    const { client } = await connect({ url: {} });
    const error = await client
      .callTool({ name: 'list_events', arguments: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkMcpError);
    expect((error as SdkMcpError).code).toBe(-32042);
    expect((error as SdkMcpError).data).toEqual({ elicitations: [CONSENT] });
  });
});
