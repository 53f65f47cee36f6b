import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidTokenError,
  type McpVerifiedToken,
  type TokenVerifier,
} from '../../src/mcp/index.js';
import { startOAuthApp, type OAuthApp } from '../support/oauth/oauth-app.js';
import { expectResult, refused } from '../support/security/expect-wire.js';
import { send } from '../support/wire/http.client.js';
import { toolCall } from '../support/wire/stateless.requests.js';
import type { WireRequest } from '../support/wire/wire.request.js';

const ISSUER = 'https://sso.example.test';

/** An app's own verifier: opaque tokens it looks up in its own table (as a Passport strategy would). */
class TableVerifier implements TokenVerifier {
  readonly table = new Map<string, Partial<McpVerifiedToken>>();

  verify(token: string): Promise<McpVerifiedToken> {
    const row = this.table.get(token);
    if (!row) return Promise.reject(new InvalidTokenError('unknown token'));
    return Promise.resolve({
      issuer: ISSUER,
      subject: 'carol',
      audience: [],
      expiresAt: Math.floor(Date.now() / 1000) + 60,
      scopes: ['probe:write'],
      claims: { groups: { mcp: ['ops'] } },
      ...row,
    });
  }
}

const bearer = (req: WireRequest, token: string): WireRequest => ({
  ...req,
  headers: { ...req.headers, authorization: `Bearer ${token}` },
});

describe('an app-provided TokenVerifier', () => {
  const verifier = new TableVerifier();
  let app: OAuthApp;

  beforeAll(async () => {
    app = await startOAuthApp({
      adapter: 'express',
      issuers: [ISSUER],
      oauth: { verifier, rolesClaim: 'groups.mcp' },
    });
    const now = Math.floor(Date.now() / 1000);
    verifier.table.set('good', { audience: [app.resource] });
    verifier.table.set('other-audience', { audience: ['https://elsewhere.example.test/mcp'] });
    verifier.table.set('other-issuer', { audience: [app.resource], issuer: 'https://evil.test' });
    verifier.table.set('expired', { audience: [app.resource], expiresAt: now - 120 });
    verifier.table.set('early', { audience: [app.resource], notBefore: now + 120 });
  });
  afterAll(() => app?.close());

  it('is asked for the principal: subject, scopes, roles at the configured claim path', async () => {
    const res = await send(app.port, bearer(toolCall('probe_write'), 'good'));
    expect((expectResult(res).content as { text: string }[])[0].text).toBe('written by carol');
    const roles = await send(app.port, bearer(toolCall('probe_role'), 'good'));
    expect((expectResult(roles).content as { text: string }[])[0].text).toBe('roles ops');
    verifier.table.set('no-role', { audience: [app.resource], claims: {} });
    await refused(app, bearer(toolCall('probe_role'), 'no-role'), (res) => {
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toMatch(
        /^Bearer error="insufficient_scope", resource_metadata="/,
      );
    });
  });

  it('cannot widen what is accepted: issuer, audience and times are enforced on its answers', async () => {
    for (const token of ['other-audience', 'other-issuer', 'expired', 'early', 'unknown']) {
      await refused(app, bearer(toolCall('probe_write'), token), (res) => {
        expect({ token, status: res.status }).toEqual({ token, status: 401 });
        expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
      });
    }
  });

  it('a verifier that fails for want of its server answers 503, not 401', async () => {
    const failing = verifier.verify.bind(verifier);
    verifier.verify = () => Promise.reject(new Error('directory unreachable'));
    try {
      const res = await send(app.port, bearer(toolCall('probe_write'), 'good'));
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      verifier.verify = failing;
    }
  });
});

describe('boot checks', () => {
  it('a requireSignature tool without signing fails boot with the fix', async () => {
    await expect(
      startOAuthApp({
        adapter: 'express',
        issuers: [ISSUER],
        signedOnlyTool: true,
        oauth: { verifier: new TableVerifier() },
      }),
    ).rejects.toThrow(
      /"requireSignature" of SignedOnlyTools#write is set but signing is not configured/,
    );
  });
});
