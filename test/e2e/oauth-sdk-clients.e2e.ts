import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { ClientCredentialsProvider as ClientCredentialsV1 } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  Client as ClientV2,
  ClientCredentialsProvider as ClientCredentialsV2,
  StreamableHTTPClientTransport as TransportV2,
} from '@modelcontextprotocol/client';
import { OAuthProtectedResourceMetadataSchema } from '@modelcontextprotocol/sdk/shared/auth.js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../support/oauth/authorization-server.js';
import { startOAuthApp, type OAuthApp } from '../support/oauth/oauth-app.js';

const CLIENT = {
  clientId: 'sdk-client',
  clientSecret: 'sdk-client-secret-0123456789',
  scope: 'probe:read probe:write',
};
const SCOPES = ['probe:read', 'probe:write', 'probe:admin'];
/** What the client is configured with: no scope of its own, it follows the server's challenges. */
const credentials = { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret };

/** Every exchange the client made: where to, and what came back (no bodies, no tokens). */
interface Seen {
  method: string;
  url: string;
  status: number;
  wwwAuthenticate: string | null;
  /** Scopes of the bearer token the request carried, if any. */
  tokenScopes?: string;
}

function observing(seen: Seen[]) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    const auth = new Headers(init?.headers).get('authorization');
    seen.push({
      method: init?.method ?? 'GET',
      url: String(input instanceof Request ? input.url : input),
      status: response.status,
      wwwAuthenticate: response.headers.get('www-authenticate'),
      tokenScopes: auth?.startsWith('Bearer ')
        ? (decodeJwt<{ scope?: string }>(auth.slice(7)).scope ?? '')
        : undefined,
    });
    return response;
  };
}

/** The stock v1 provider, plus what an app does to step up: widen the scope, drop the token. */
class StepUpClientCredentials extends ClientCredentialsV1 {
  private scope = 'probe:read';
  private dropped = false;

  override get clientMetadata() {
    return { ...super.clientMetadata, scope: this.scope };
  }

  override tokens() {
    return this.dropped ? undefined : super.tokens();
  }

  override saveTokens(tokens: Parameters<ClientCredentialsV1['saveTokens']>[0]): void {
    this.dropped = false;
    super.saveTokens(tokens);
  }

  stepUp(scope: string): void {
    this.scope = [...new Set([...this.scope.split(' '), ...scope.split(' ')])].join(' ');
    this.dropped = true;
  }
}

const text = (result: unknown): string =>
  (result as { content: { text: string }[] }).content[0]?.text ?? '';

describe.each([
  { adapter: 'express', prefix: undefined },
  { adapter: 'fastify', prefix: 'api' },
] as const)(
  'official SDK clients with OAuth (client credentials) on $adapter, prefix $prefix',
  ({ adapter, prefix }) => {
    let as: TestAuthorizationServer;
    let app: OAuthApp;

    beforeAll(async () => {
      as = await startAuthorizationServer({ clients: [CLIENT], scopes: SCOPES });
      app = await startOAuthApp({
        adapter,
        prefix,
        issuers: [as.issuer],
        // OAuth clients only: the first request already needs a token, so sessions open under it.
        oauth: { allowAnonymous: false, scopes: ['probe:read'] },
      });
    });
    afterAll(async () => {
      await app?.close();
      await as?.close();
    });

    it('serves its metadata at the host root with the prefixed path as suffix (RFC 9728 §3.1)', async () => {
      const suffix = prefix ? `/${prefix}/mcp` : '/mcp';
      const res = await fetch(`${app.origin}/.well-known/oauth-protected-resource${suffix}`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as Record<string, unknown>;
      expect(OAuthProtectedResourceMetadataSchema.parse(doc)).toMatchObject({
        resource: `${app.origin}${suffix}`,
        authorization_servers: [as.issuer],
        bearer_methods_supported: ['header'],
      });
    });

    it('v1 client (session era): 401 → metadata → authorization server → token → tools; 403 insufficient_scope, step-up in the same session', async () => {
      const seen: Seen[] = [];
      const provider = new StepUpClientCredentials({ ...credentials, expectedIssuer: as.issuer });
      const client = new ClientV1({ name: 'oauth-v1', version: '1.0.0' });
      const transport = new TransportV1(new URL(app.url), {
        authProvider: provider,
        fetch: observing(seen),
      });
      await client.connect(transport);
      try {
        // The first request was refused with the challenge that points at the metadata.
        const first = seen[0];
        expect(first).toMatchObject({ method: 'POST', url: app.url, status: 401 });
        const metadataUrl = `${app.origin}/.well-known/oauth-protected-resource${prefix ? `/${prefix}` : ''}/mcp`;
        expect(first.wwwAuthenticate).toBe(
          `Bearer scope="probe:read", resource_metadata="${metadataUrl}"`,
        );
        // The client followed it: metadata, then the authorization server's metadata, then a token.
        const urls = seen.map((s) => s.url);
        expect(urls[1]).toBe(metadataUrl);
        expect(urls.some((u) => u.startsWith(`${as.issuer}/.well-known/`))).toBe(true);
        expect(as.tokenRequests).toBeGreaterThanOrEqual(1);
        expect(seen.find((s) => s.url === app.url && s.status === 200)?.tokenScopes).toBe(
          'probe:read',
        );
        expect(client.getServerVersion()?.name).toBe('security-e2e');
        const sessionId = transport.sessionId;
        expect(sessionId).toBeTruthy();

        const tools = (await client.listTools()).tools.map((t) => t.name);
        expect(tools).toContain('probe_read');
        expect(tools).toContain('probe_agent');
        expect(tools).not.toContain('probe_write'); // needs probe:write, which the token lacks
        expect(text(await client.callTool({ name: 'probe_agent', arguments: {} }))).toBe(
          'agent sdk-client',
        );

        // Step-up. The v1 client-credentials flow asks for its configured scope whatever the
        // challenge says, so the app widens it from the 403's scope and drops the old token.
        const before = app.probe.count('probe_write');
        const refused = await client.callTool({ name: 'probe_write', arguments: {} }).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(String(refused)).toMatch(/403/);
        expect(app.probe.count('probe_write')).toBe(before);
        const challenge = seen.find((s) => s.status === 403)?.wwwAuthenticate ?? '';
        expect(challenge).toBe(
          `Bearer error="insufficient_scope", scope="probe:write", resource_metadata="${metadataUrl}"`,
        );
        provider.stepUp(/scope="([^"]+)"/.exec(challenge)![1]);
        const written = await client.callTool({ name: 'probe_write', arguments: {} });
        expect(text(written)).toBe('written by sdk-client');
        expect(app.probe.count('probe_write')).toBe(before + 1);
        expect(seen.at(-1)).toMatchObject({ status: 200, tokenScopes: 'probe:read probe:write' });
        // Same principal, so the session outlived the token change.
        expect(transport.sessionId).toBe(sessionId);
      } finally {
        await client.close();
      }
    });

    it('v2 client pinned to 2026-07-28 (stateless era): same discovery, tools, and step-up', async () => {
      const seen: Seen[] = [];
      const provider = new ClientCredentialsV2({ ...credentials, expectedIssuer: as.issuer });
      const client = new ClientV2(
        { name: 'oauth-v2', version: '2.0.0' },
        { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } },
      );
      await client.connect(
        new TransportV2(new URL(app.url), { authProvider: provider, fetch: observing(seen) }),
      );
      try {
        expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
        expect(seen[0]).toMatchObject({ url: app.url, status: 401 });
        expect(seen[0].wwwAuthenticate).toMatch(/^Bearer scope="probe:read", resource_metadata="/);
        const tools = (await client.listTools()).tools.map((t) => t.name);
        expect(tools).toEqual(expect.arrayContaining(['probe_read', 'probe_agent']));
        expect(text(await client.callTool({ name: 'probe_agent', arguments: {} }))).toBe(
          'agent sdk-client',
        );
        const written = await client.callTool({ name: 'probe_write', arguments: {} });
        expect(text(written)).toBe('written by sdk-client');
        expect(
          seen.some((s) => s.status === 403 && /insufficient_scope/.test(s.wwwAuthenticate ?? '')),
        ).toBe(true);
        // The v2 client unions its scopes on step-up (MCP authorization, step-up flow).
        expect(seen.at(-1)?.status).toBe(200);
        expect(seen.at(-1)?.tokenScopes?.split(' ').sort()).toEqual(['probe:read', 'probe:write']);
      } finally {
        await client.close();
      }
    });
  },
);
