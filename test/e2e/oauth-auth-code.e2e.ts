import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../support/oauth/authorization-server.js';
import { authorizeHeadlessly } from '../support/oauth/headless-browser.js';
import { startOAuthApp, type OAuthApp } from '../support/oauth/oauth-app.js';

const REDIRECT_URI = 'http://127.0.0.1:9/callback';
const DESKTOP = {
  clientId: 'desktop-app',
  redirectUri: REDIRECT_URI,
  scope: 'probe:read probe:write',
};

const text = (result: unknown): string =>
  (result as { content: { text: string }[] }).content[0]?.text ?? '';

/** A desktop client's provider: PKCE verifier and tokens in memory, the browser played headlessly. */
class DesktopProvider implements OAuthClientProvider {
  private saved?: OAuthTokens;
  private verifier = '';
  code?: string;

  get redirectUrl(): string {
    return REDIRECT_URI;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'desktop',
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation(): OAuthClientInformationMixed {
    return { client_id: DESKTOP.clientId };
  }
  tokens(): OAuthTokens | undefined {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens): void {
    this.saved = tokens;
  }
  async redirectToAuthorization(url: URL): Promise<void> {
    this.code = await authorizeHeadlessly(url, REDIRECT_URI, 'alice');
  }
  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }
  codeVerifier(): string {
    return this.verifier;
  }
}

describe('official SDK v1 client, authorization code + PKCE (a user signs in), session era', () => {
  let as: TestAuthorizationServer;
  let app: OAuthApp;

  beforeAll(async () => {
    as = await startAuthorizationServer({
      clients: [],
      publicClients: [DESKTOP],
      scopes: ['probe:read', 'probe:write'],
    });
    app = await startOAuthApp({
      adapter: 'express',
      issuers: [as.issuer],
      oauth: { allowAnonymous: false, scopes: ['probe:read'] },
    });
  });
  afterAll(async () => {
    await app?.close();
    await as?.close();
  });

  it('401 → discovery → the user signs in → code exchanged with PKCE → the user is the principal; 403 → the user signs in for the scope → success in the same session', async () => {
    const provider = new DesktopProvider();
    const first = new Client({ name: 'desktop', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(app.url), {
      authProvider: provider,
    });
    // The SDK sends the user to the authorization server, then reports that it is waiting.
    await expect(first.connect(transport)).rejects.toThrow(/Unauthorized/);
    expect(provider.code).toBeTruthy();
    await transport.finishAuth(provider.code!);
    expect(provider.tokens()?.access_token).toBeTruthy();

    const claims = decodeJwt(provider.tokens()!.access_token);
    expect(claims).toMatchObject({
      iss: as.issuer,
      sub: 'alice',
      client_id: DESKTOP.clientId,
      aud: app.resource,
      scope: 'probe:read',
    });

    const client = new Client({ name: 'desktop', version: '1.0.0' });
    const session = new StreamableHTTPClientTransport(new URL(app.url), { authProvider: provider });
    await client.connect(session);
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toContain('probe_agent');
      expect(text(await client.callTool({ name: 'probe_agent', arguments: {} }))).toBe(
        'agent alice',
      );

      // Step-up: the 403 names probe:write; the SDK sends the user to sign in for it.
      provider.code = undefined;
      const before = app.probe.count('probe_write');
      await expect(client.callTool({ name: 'probe_write', arguments: {} })).rejects.toThrow(
        /Unauthorized/,
      );
      expect(app.probe.count('probe_write')).toBe(before);
      expect(provider.code).toBeTruthy();
      await session.finishAuth(provider.code!);
      expect(decodeJwt(provider.tokens()!.access_token).scope).toBe('probe:write');
      expect(text(await client.callTool({ name: 'probe_write', arguments: {} }))).toBe(
        'written by alice',
      );
      expect(app.probe.count('probe_write')).toBe(before + 1);
    } finally {
      await client.close();
    }
  });
});
