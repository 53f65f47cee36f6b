import { OAuthProtectedResourceMetadataSchema } from '@modelcontextprotocol/sdk/shared/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../support/security/request.signer.js';
import { type RawResponse, send } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { sessionRequest } from '../support/wire/session.requests.js';
import { statelessRequest, toolCall } from '../support/wire/stateless.requests.js';
import { SESSION_VERSION } from '../support/wire/wire.constants.js';
import { jsonPost, type WireRequest } from '../support/wire/wire.request.js';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../support/oauth/authorization-server.js';
import {
  claimsFor,
  hmacWithPublicKey,
  signedByServer,
  tampered,
  unsigned,
} from '../support/oauth/forged-tokens.js';
import { startOAuthApp, type OAuthApp } from '../support/oauth/oauth-app.js';
import { expectResult, refused } from '../support/security/expect-wire.js';

// `writer` is also the principal of a signed agent: same id, another kind of principal.
const WRITER = {
  clientId: 'writer',
  clientSecret: 'writer-secret-0123456789abcdef',
  scope: 'probe:read probe:write',
};
const OTHER = {
  clientId: 'other-client',
  clientSecret: 'other-secret-0123456789abcdef',
  scope: 'probe:read probe:write',
};
const SCOPES = ['probe:read', 'probe:write', 'probe:admin'];

const bearer = (req: WireRequest, token: string): WireRequest => ({
  ...req,
  headers: { ...req.headers, authorization: `Bearer ${token}` },
});

const text = (res: RawResponse): string =>
  (expectResult(res).content as { text: string }[])[0].text;

describe.each(['express', 'fastify'] as const)(
  'bearer tokens beside signatures on %s',
  (adapter) => {
    let as: TestAuthorizationServer;
    let otherAs: TestAuthorizationServer;
    let app: OAuthApp;
    let metadataUrl: string;
    let writerToken: string;

    beforeAll(async () => {
      [as, otherAs] = await Promise.all([
        startAuthorizationServer({ clients: [WRITER, OTHER], scopes: SCOPES }),
        startAuthorizationServer({ clients: [WRITER], scopes: SCOPES }),
      ]);
      app = await startOAuthApp({
        adapter,
        signing: true,
        issuers: [as.issuer],
        oauth: { scopes: ['probe:read'] },
      });
      metadataUrl = `${app.origin}/.well-known/oauth-protected-resource/mcp`;
      writerToken = await as.token(WRITER, app.resource, 'probe:write');
    });
    afterAll(async () => {
      await app?.close();
      await Promise.all([as?.close(), otherAs?.close()]);
    });

    /** 401, both challenges (Bearer first), the token refused as `error`, and nothing ran. */
    async function expectTokenRefused(req: WireRequest, error = 'invalid_token'): Promise<void> {
      await refused(app, req, (res) => {
        expect({ status: res.status, text: res.text }).toMatchObject({ status: 401 });
        const challenge = res.headers['www-authenticate'] ?? '';
        expect(challenge).toMatch(
          new RegExp(
            `^Bearer error="${error}", error_description="[^"]+", resource_metadata="${metadataUrl}", Signature realm="mcp", error="invalid_signature"$`,
          ),
        );
        expect(res.json().error.data).toMatchObject({ error });
        expect(res.text).not.toContain(writerToken);
      });
    }

    /** initialize + notifications/initialized, each with the token. */
    async function openBearerSession(token: string): Promise<string> {
      const init = bearer(
        jsonPost({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: SESSION_VERSION,
            capabilities: {},
            clientInfo: { name: 'bearer', version: '1' },
          },
        }),
        token,
      );
      const res = await send(app.port, init);
      const sid = res.headers['mcp-session-id'] as string;
      expect(res.status).toBe(200);
      const done = bearer(
        sessionRequest(sid, { jsonrpc: '2.0', method: 'notifications/initialized' }),
        token,
      );
      expect((await send(app.port, done)).status).toBe(202);
      return sid;
    }

    describe('protected resource metadata (RFC 9728)', () => {
      it('is served at the path-suffixed and the root well-known URL, valid for the SDK schema', async () => {
        for (const url of [metadataUrl, `${app.origin}/.well-known/oauth-protected-resource`]) {
          const res = await fetch(url);
          expect(res.status).toBe(200);
          expect(res.headers.get('content-type')).toMatch(/^application\/json/);
          expect(res.headers.get('access-control-allow-origin')).toBe('*');
          const doc = (await res.json()) as Record<string, unknown>;
          expect(OAuthProtectedResourceMetadataSchema.safeParse(doc).success).toBe(true);
          expect(doc).toEqual({
            resource: app.resource,
            authorization_servers: [as.issuer],
            // The tools' scopes plus the configured base scope, no offline_access.
            scopes_supported: ['probe:admin', 'probe:read', 'probe:write'],
            bearer_methods_supported: ['header'],
            resource_name: 'security-e2e',
          });
          expect(new URL(doc.resource as string).hash).toBe('');
        }
      });

      it('is where a 401 points: Bearer challenge first, with the scopes, then the Signature one', async () => {
        await refused(app, toolCall('probe_write'), (res) => {
          expect(res.status).toBe(401);
          expect(res.headers['www-authenticate']).toBe(
            `Bearer scope="probe:read probe:write", resource_metadata="${metadataUrl}", Signature realm="mcp", error="invalid_signature"`,
          );
          expect(res.headers['accept-signature']).toBeTruthy();
        });
      });
    });

    describe('refusals: 401 with the challenge, no handler ran', () => {
      it('a token for another audience (resource indicator of another server)', async () => {
        const token = await as.token(WRITER, 'https://other.example.test/mcp', 'probe:write');
        await expectTokenRefused(bearer(toolCall('probe_write'), token));
      });

      it('an expired token', async () => {
        const now = Math.floor(Date.now() / 1000);
        const token = await signedByServer(
          as,
          claimsFor(as, app.resource, { iat: now - 900, exp: now - 600 }),
        );
        await expectTokenRefused(bearer(toolCall('probe_write'), token));
      });

      it('a token that is not valid yet (nbf beyond the skew)', async () => {
        const now = Math.floor(Date.now() / 1000);
        const token = await signedByServer(as, claimsFor(as, app.resource, { nbf: now + 600 }));
        await expectTokenRefused(bearer(toolCall('probe_write'), token));
      });

      it('a token from another issuer (a real authorization server, not configured)', async () => {
        const token = await otherAs.token(WRITER, app.resource, 'probe:write');
        await expectTokenRefused(bearer(toolCall('probe_write'), token));
      });

      it('a token claiming a configured issuer but signed by another one', async () => {
        const token = await signedByServer(otherAs, claimsFor(as, app.resource));
        await expectTokenRefused(bearer(toolCall('probe_write'), token));
      });

      it('a token with a bad signature', async () => {
        await expectTokenRefused(bearer(toolCall('probe_write'), tampered(writerToken)));
      });

      it('alg: none', async () => {
        await expectTokenRefused(
          bearer(toolCall('probe_write'), unsigned(as, claimsFor(as, app.resource))),
        );
      });

      it('HS256 signed with the public key', async () => {
        const token = await hmacWithPublicKey(as, claimsFor(as, app.resource));
        await expectTokenRefused(bearer(toolCall('probe_write'), token));
      });

      it('an opaque token when no introspection is configured', async () => {
        await expectTokenRefused(bearer(toolCall('probe_write'), 'opaque-0123456789'));
      });

      it('a token in the query string, never read: refused even beside a valid header', async () => {
        const inQuery = { ...toolCall('probe_write'), path: `/mcp?access_token=${writerToken}` };
        await expectTokenRefused(inQuery, 'invalid_request');
        await expectTokenRefused(bearer(inQuery, writerToken), 'invalid_request');
      });

      it('two Authorization lines (a valid token and another) are refused before any token is read', async () => {
        const req = toolCall('probe_write');
        const twice = {
          ...req,
          headers: {
            ...req.headers,
            authorization: [`Bearer ${writerToken}`, `Bearer ${tampered(writerToken)}`],
          },
        };
        await refused(app, twice, (res) => expect(res.status).toBe(400));
      });

      it('a token for a public tool is still checked (no silent downgrade to anonymous)', async () => {
        await expectTokenRefused(bearer(toolCall('probe_read'), tampered(writerToken)));
      });
    });

    describe('access with a valid token', () => {
      it('calls a write tool: the token is the principal (kind bearer, id = subject)', async () => {
        const before = app.probe.count('probe_write');
        expect(text(await send(app.port, bearer(toolCall('probe_write'), writerToken)))).toBe(
          'written by writer',
        );
        expect(app.probe.count('probe_write')).toBe(before + 1);
      });

      it('step-up: 403 insufficient_scope naming the scope, then success with a token that has it', async () => {
        const narrow = await as.token(WRITER, app.resource, 'probe:read');
        await refused(app, bearer(toolCall('probe_write'), narrow), (res) => {
          expect(res.status).toBe(403);
          expect(res.headers['www-authenticate']).toBe(
            `Bearer error="insufficient_scope", scope="probe:write", resource_metadata="${metadataUrl}", Signature realm="mcp", error="insufficient_scope", scope="probe:write"`,
          );
        });
        const wider = await as.token(WRITER, app.resource, 'probe:read probe:write');
        expect(text(await send(app.port, bearer(toolCall('probe_write'), wider)))).toBe(
          'written by writer',
        );
      });

      it('a tool with requireSignature is not listed to a token holder, refuses its token even with the scope (Signature challenge only); a signed agent passes', async () => {
        const listed = expectResult(
          await send(app.port, bearer(statelessRequest('tools/list'), writerToken)),
        ).tools.map((t: { name: string }) => t.name);
        expect(listed).toContain('probe_write');
        expect(listed).not.toContain('probe_signed_write');
        await refused(app, bearer(toolCall('probe_signed_write'), writerToken), (res) => {
          expect(res.status).toBe(401);
          expect(res.headers['www-authenticate']).toBe(
            'Signature realm="mcp", error="invalid_signature"',
          );
        });
        const signed = sign(app.agents.writer, toolCall('probe_signed_write'), app.publicBaseUrl);
        expect(text(await send(app.port, signed))).toBe('signed write by agent writer');
      });

      it('the docs manifest says which tool is for signed agents only', async () => {
        const manifest = (await (await fetch(`${app.url}/docs.json`)).json()) as {
          tools: { name: string; access: Record<string, unknown> }[];
        };
        const access = (name: string) => manifest.tools.find((t) => t.name === name)?.access;
        expect(access('probe_signed_write')).toMatchObject({ requireSignature: true });
        expect(access('probe_write')).not.toHaveProperty('requireSignature');
      });

      it('one credential per request: a signature and a token together are refused', async () => {
        const both = sign(
          app.agents.writer,
          bearer(toolCall('probe_write'), writerToken),
          app.publicBaseUrl,
        );
        await refused(app, both, (res) => expect(res.status).toBe(400));
      });
    });

    describe('mixed callers in one app', () => {
      it('signed agent, bearer client and anonymous caller side by side', async () => {
        const signed = sign(app.agents.writer, toolCall('probe_write'), app.publicBaseUrl);
        expect(text(await send(app.port, signed))).toBe('written by writer');
        expect(text(await send(app.port, bearer(toolCall('probe_agent'), writerToken)))).toBe(
          'agent writer',
        );
        expect(text(await send(app.port, toolCall('probe_read', { text: 'hi' })))).toBe('read hi');
      });

      it('a session belongs to its principal: any other one gets 404, whatever the credential', async () => {
        const otherToken = await as.token(OTHER, app.resource, 'probe:write');
        const list = (sid: string) =>
          sessionRequest(sid, { jsonrpc: '2.0', id: 7, method: 'tools/list' });
        const agentSid = await openSession(app.url, {
          agent: app.agents.writer,
          publicBaseUrl: app.publicBaseUrl,
        });
        const bearerSid = await openBearerSession(writerToken);
        const anonSid = await openSession(app.url);

        // Each owner is served.
        expect(
          (await send(app.port, sign(app.agents.writer, list(agentSid), app.publicBaseUrl))).status,
        ).toBe(200);
        expect((await send(app.port, bearer(list(bearerSid), writerToken))).status).toBe(200);
        expect((await send(app.port, list(anonSid))).status).toBe(200);

        const strangers: [string, WireRequest][] = [
          // Same id "writer", other kind: agent vs token holder.
          ['bearer writer → agent session', bearer(list(agentSid), writerToken)],
          [
            'agent writer → bearer session',
            sign(app.agents.writer, list(bearerSid), app.publicBaseUrl),
          ],
          ['other bearer → bearer session', bearer(list(bearerSid), otherToken)],
          ['anonymous → bearer session', list(bearerSid)],
          ['bearer → anonymous session', bearer(list(anonSid), writerToken)],
          [
            'other agent → bearer session',
            sign(app.agents.other, list(bearerSid), app.publicBaseUrl),
          ],
        ];
        for (const [label, req] of strangers) {
          const res = await send(app.port, req);
          expect({ label, status: res.status }).toEqual({ label, status: 404 });
        }
      });
    });
  },
);
