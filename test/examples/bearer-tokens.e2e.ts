import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/demo-app-at-port.js';
import {
  ensureExamplesBuilt,
  startExample,
  type ExampleProcess,
} from '../support/example-process.js';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../support/oauth/authorization-server.js';

const CLIENT = {
  clientId: 'orders-bot',
  clientSecret: 'orders-bot-secret-0123456789',
  scope: 'orders:write',
};

const text = (result: unknown): string =>
  (result as { content: { text: string }[] }).content[0]?.text ?? '';

describe('examples/bearer-tokens', () => {
  let as: TestAuthorizationServer;
  let server: ExampleProcess;
  let url: string;

  beforeAll(async () => {
    ensureExamplesBuilt('bearer-tokens/main.js');
    as = await startAuthorizationServer({ clients: [CLIENT], scopes: ['orders:write'] });
    const port = await freePort();
    server = await startExample('bearer-tokens/main.js', /MCP endpoint: (\S+)/, {
      PORT: String(port),
      MCP_OAUTH_ISSUER: as.issuer,
    });
    url = server.ready[1];
  }, 120_000);
  afterAll(async () => {
    server?.stop();
    await as?.close();
  });

  it('the v1 client with client credentials gets a token, lists both tools and places an order', async () => {
    const provider = new ClientCredentialsProvider({
      clientId: CLIENT.clientId,
      clientSecret: CLIENT.clientSecret,
      scope: 'orders:write',
      expectedIssuer: as.issuer,
    });
    // Discovery (protected resource metadata → authorization server) and the token, before
    // initialize: a session belongs to the principal that opens it.
    expect(await auth(provider, { serverUrl: url })).toBe('AUTHORIZED');
    expect(as.tokenRequests).toBeGreaterThanOrEqual(1);
    const client = new Client({ name: 'orders-bot', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), { authProvider: provider }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['menu', 'order_place']);
      const result = await client.callTool({ name: 'order_place', arguments: { item: 'tea' } });
      expect(text(result)).toBe('Order 1: tea for orders-bot.');
    } finally {
      await client.close();
    }
  });

  it('a client without a token sees only the public tool and is refused the scoped one', async () => {
    const client = new Client({ name: 'anonymous', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['menu']);
      expect(text(await client.callTool({ name: 'menu', arguments: {} }))).toContain('coffee');
      await expect(
        client.callTool({ name: 'order_place', arguments: { item: 'cake' } }),
      ).rejects.toThrow(/401|Unauthorized/i);
    } finally {
      await client.close();
    }
  });
});
