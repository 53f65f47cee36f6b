import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawResponse, send } from '../support/wire/http.client.js';
import { toolCall } from '../support/wire/stateless.requests.js';
import type { WireRequest } from '../support/wire/wire.request.js';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../support/oauth/authorization-server.js';
import { startOAuthApp, type OAuthApp } from '../support/oauth/oauth-app.js';
import { expectResult, refused } from '../support/security/expect-wire.js';

const ALICE = {
  clientId: 'alice',
  clientSecret: 'alice-secret-0123456789abcdef',
  scope: 'probe:write',
};
const BOB = {
  clientId: 'bob',
  clientSecret: 'bob-secret-0123456789abcdefghi',
  scope: 'probe:write',
};
// The resource server's own credentials at the authorization server, for introspection.
const RESOURCE_SERVER = {
  clientId: 'mcp-rs',
  clientSecret: 'mcp-rs-secret-0123456789abcdef',
  scope: 'probe:write',
};
const LIMIT = 4;

const bearer = (req: WireRequest, token: string): WireRequest => ({
  ...req,
  headers: { ...req.headers, authorization: `Bearer ${token}` },
});
const text = (res: RawResponse): string =>
  (expectResult(res).content as { text: string }[])[0].text;

describe('opaque tokens through introspection (RFC 7662); limits per principal', () => {
  let as: TestAuthorizationServer;
  let app: OAuthApp;

  beforeAll(async () => {
    as = await startAuthorizationServer({
      clients: [ALICE, BOB, RESOURCE_SERVER],
      scopes: ['probe:write'],
      format: 'opaque',
    });
    app = await startOAuthApp({
      adapter: 'express',
      issuers: [as.issuer],
      oauth: {
        // The endpoint comes from the authorization server's metadata.
        introspection: {
          clientId: RESOURCE_SERVER.clientId,
          clientSecret: RESOURCE_SERVER.clientSecret,
        },
      },
      mcp: { rateLimit: { perPrincipal: { limit: LIMIT, ttlMs: 60_000 } } },
    });
  });
  afterAll(async () => {
    await app?.close();
    await as?.close();
  });

  it('accepts an opaque token for this resource, asking the authorization server once (cached)', async () => {
    const token = await as.token(ALICE, app.resource, 'probe:write');
    expect(token.split('.')).toHaveLength(1);
    const before = as.introspections;
    expect(text(await send(app.port, bearer(toolCall('probe_write'), token)))).toBe(
      'written by alice',
    );
    expect(text(await send(app.port, bearer(toolCall('probe_agent'), token)))).toBe('agent alice');
    expect(as.introspections).toBe(before + 1);
  });

  it('refuses an opaque token for another resource, and an unknown one (401 invalid_token)', async () => {
    const foreign = await as.token(ALICE, 'https://other.example.test/mcp', 'probe:write');
    for (const token of [foreign, 'not-a-token-the-server-issued']) {
      await refused(app, bearer(toolCall('probe_write'), token), (res) => {
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token", /);
      });
    }
  });

  it('rate limits key on the principal: a fresh token of the same subject shares the bucket, another subject has its own', async () => {
    let status = 200;
    for (let i = 0; i < LIMIT + 1 && status === 200; i += 1) {
      const token = await as.token(BOB, app.resource, 'probe:write');
      status = (await send(app.port, bearer(toolCall('probe_agent'), token))).status;
    }
    expect(status).toBe(429);
    const again = await as.token(BOB, app.resource, 'probe:write');
    expect((await send(app.port, bearer(toolCall('probe_agent'), again))).status).toBe(429);
    const alice = await as.token(ALICE, app.resource, 'probe:write');
    expect((await send(app.port, bearer(toolCall('probe_agent'), alice))).status).not.toBe(429);
  });
});
