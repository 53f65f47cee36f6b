import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../../src/demo/app.module.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../support/oauth/authorization-server.js';
import { send } from '../support/wire/http.client.js';
import { toolCall } from '../support/wire/stateless.requests.js';
import type { WireRequest } from '../support/wire/wire.request.js';

const NOTEBOOK = {
  clientId: 'notebook-app',
  clientSecret: 'notebook-secret-0123456789abcdef',
  scope: 'notes:write notes:admin',
};

const bearer = (req: WireRequest, token: string): WireRequest => ({
  ...req,
  headers: { ...req.headers, authorization: `Bearer ${token}` },
});

describe('the demo with MCP_OAUTH_ISSUER: notebook tools for token holders', () => {
  let as: TestAuthorizationServer;
  let demo: RunningApp;
  let resource: string;

  beforeAll(async () => {
    as = await startAuthorizationServer({
      clients: [NOTEBOOK],
      scopes: ['notes:write', 'notes:admin'],
    });
    demo = await startApp(AppModule, {
      env: {
        MCP_OAUTH_ISSUER: as.issuer,
        MCP_PUBLIC_URL: 'http://127.0.0.1:3000',
        MCP_AGENT_KEYS: 'config/no-such-keys.json',
      },
    });
    const metadata = (await (
      await fetch(`${demo.origin}/.well-known/oauth-protected-resource/mcp`)
    ).json()) as { resource: string; authorization_servers: string[]; scopes_supported: string[] };
    expect(metadata.authorization_servers).toEqual([as.issuer]);
    expect(metadata.scopes_supported).toEqual(['notes:admin', 'notes:write']);
    resource = metadata.resource;
  });
  afterAll(async () => {
    await demo?.close();
    await as?.close();
  });

  it('adds a note with a token that has notes:write, refuses one without, and lists it publicly', async () => {
    expect(resource).toBe('http://127.0.0.1:3000/mcp');
    const anonymous = await send(demo.port, toolCall('notes_add', { text: 'hola' }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toContain('scope="notes:write"');

    const narrow = await as.token(NOTEBOOK, resource, 'notes:admin');
    const refused = await send(demo.port, bearer(toolCall('notes_add', { text: 'hola' }), narrow));
    expect(refused.status).toBe(403);

    const token = await as.token(NOTEBOOK, resource, 'notes:write');
    const added = await send(demo.port, bearer(toolCall('notes_add', { text: 'hola' }), token));
    expect(added.status).toBe(200);
    expect(added.json().result.structuredContent).toMatchObject({
      text: 'hola',
      author: 'notebook-app',
    });
    const listed = await send(demo.port, toolCall('notes_list'));
    expect(listed.json().result.structuredContent.notes).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: 'hola' })]),
    );
  });
});
