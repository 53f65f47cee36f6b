import {
  Client as V2Client,
  StreamableHTTPClientTransport as V2Transport,
} from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignedFetch } from '../../src/mcp/agent/index.js';
import { edAgent, hmacAgent, type SigningAgent } from '../support/security/agents.js';
import { writeKeyFile } from '../support/security/key-file.js';
import type { Wire } from '../support/wire/http.client.js';
import { startDemoAppAtPort } from '../support/demo-app-at-port.js';
import { DEMO_PUBLIC_TOOLS, type RunningApp } from '../support/demo-app.js';

/** One HTTP exchange as the client's fetch saw it. */
interface Exchange {
  method: string;
  requestHeaders: Headers;
  body: Wire | undefined;
  status: number;
  responseHeaders: Headers;
  responseBody: Wire | undefined;
}

interface Note {
  id: number;
  text: string;
  author: string;
  createdAt: string;
}

/** A fetch that records every exchange (after signing, so the recorded headers are the sent ones). */
function recording(log: Exchange[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const isJson = response.headers.get('content-type')?.startsWith('application/json') ?? false;
    const raw = init?.body;
    const text =
      typeof raw === 'string' ? raw : raw instanceof Uint8Array ? Buffer.from(raw).toString() : '';
    log.push({
      method: init?.method ?? 'GET',
      requestHeaders: new Headers(init?.headers),
      body: text ? (JSON.parse(text) as Wire) : undefined,
      status: response.status,
      responseHeaders: response.headers,
      responseBody: isJson ? ((await response.clone().json()) as Wire) : undefined,
    });
    return response;
  };
}

/** The last recorded exchange that called `tool`. */
function callOf(log: Exchange[], tool: string): Exchange {
  const found = log.filter((e) => e.body?.method === 'tools/call' && e.body.params?.name === tool);
  expect(found.length).toBeGreaterThan(0);
  return found.at(-1)!;
}

/** Either official client, behind one small interface the tests drive. */
interface AnyClient {
  listTools(): Promise<{ tools: { name: string }[] }>;
  callTool(params: {
    name: string;
    arguments: Record<string, unknown>;
  }): Promise<{ content?: unknown; structuredContent?: unknown; isError?: boolean }>;
  close(): Promise<void>;
}

type Kind = 'v1' | 'v2';

async function connect(
  kind: Kind,
  url: string,
  fetch: typeof globalThis.fetch,
): Promise<AnyClient> {
  if (kind === 'v1') {
    const client = new V1Client({ name: 'v1-signed-e2e', version: '1.0.0' });
    await client.connect(new V1Transport(new URL(url), { fetch }));
    return client as AnyClient;
  }
  const client = new V2Client(
    { name: 'v2-signed-e2e', version: '2.0.0' },
    { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(new V2Transport(new URL(url), { fetch }));
  return client;
}

function text(result: { content?: unknown }): string {
  return (result.content as { type: string; text: string }[])[0].text;
}

describe.each(['express', 'fastify'] as const)(
  'signed agents with both official clients on %s',
  (adapter) => {
    const writer = edAgent('writer.ed25519', 'writer', ['notes:write']);
    const admin = hmacAgent('admin.hmac', 'admin', ['notes:write', 'notes:admin']);
    let keyFile: ReturnType<typeof writeKeyFile>;
    /** Signing on, MSign refused. */
    let demo: RunningApp;
    /** Signing on, MSign accepted (MCP_ACCEPT_MSIGN=1). */
    let msignDemo: RunningApp;
    const open: AnyClient[] = [];

    const signedFetch = (
      agent: SigningAgent,
      log: Exchange[],
      extra: { msign?: boolean; publicBaseUrl?: string } = {},
    ) => createSignedFetch({ ...agent.signing, ...extra, fetch: recording(log) });

    async function client(
      kind: Kind,
      url: string,
      fetch: typeof globalThis.fetch,
    ): Promise<AnyClient> {
      const connected = await connect(kind, url, fetch);
      open.push(connected);
      return connected;
    }

    beforeAll(async () => {
      keyFile = writeKeyFile([writer, admin]);
      demo = await startDemoAppAtPort({
        adapter,
        env: (origin) => ({ MCP_AGENT_KEYS: keyFile.file, MCP_PUBLIC_URL: origin }),
      });
      msignDemo = await startDemoAppAtPort({
        adapter,
        env: (origin) => ({
          MCP_AGENT_KEYS: keyFile.file,
          MCP_PUBLIC_URL: origin,
          MCP_ACCEPT_MSIGN: '1',
        }),
      });
    });

    afterAll(async () => {
      for (const c of open) await c.close().catch(() => undefined);
      await demo?.close();
      await msignDemo?.close();
      keyFile?.remove();
    });

    describe.each(['v1', 'v2'] as const)('%s client', (kind) => {
      it('the admin agent (hmac) sees every notes tool, adds a note and deletes it', async () => {
        const log: Exchange[] = [];
        const c = await client(kind, demo.url, signedFetch(admin, log));
        const { tools } = await c.listTools();
        expect(tools.map((t) => t.name)).toEqual(
          expect.arrayContaining(['notes_add', 'notes_delete']),
        );

        const added = await c.callTool({
          name: 'notes_add',
          arguments: { text: `hola from ${kind}` },
        });
        expect(added.isError).toBeFalsy();
        const note = added.structuredContent as Note;
        expect(note).toMatchObject({ text: `hola from ${kind}`, author: 'admin' });
        expect(Number.isInteger(note.id)).toBe(true);
        // Every request went out signed, and none was refused.
        for (const e of log) {
          expect(e.requestHeaders.get('signature-input')).toMatch(/^sig=\(.*"@target-uri"/);
          expect(e.requestHeaders.get('signature')).toMatch(/^sig=:/);
          expect(e.status).toBeLessThan(400);
        }
        const listed = await c.callTool({ name: 'notes_list', arguments: {} });
        expect((listed.structuredContent as { notes: Note[] }).notes).toContainEqual(note);

        const deleted = await c.callTool({ name: 'notes_delete', arguments: { id: note.id } });
        expect(deleted.isError).toBeFalsy();
        expect(text(deleted)).toBe(`Deleted note ${note.id}.`);
        const after = await c.callTool({ name: 'notes_list', arguments: {} });
        expect((after.structuredContent as { notes: Note[] }).notes.map((n) => n.id)).not.toContain(
          note.id,
        );
      });

      it('the writer agent (ed25519) adds, but its delete is 403 insufficient_scope', async () => {
        const log: Exchange[] = [];
        const c = await client(kind, demo.url, signedFetch(writer, log));
        const names = (await c.listTools()).tools.map((t) => t.name);
        expect(names).toContain('notes_add');
        expect(names).not.toContain('notes_delete');

        const added = await c.callTool({
          name: 'notes_add',
          arguments: { text: `mine (${kind})` },
        });
        const note = added.structuredContent as Note;
        expect(note).toMatchObject({ text: `mine (${kind})`, author: 'writer' });

        const refused = await c.callTool({ name: 'notes_delete', arguments: { id: note.id } }).then(
          () => 'resolved',
          (e: unknown) => e,
        );
        expect(refused).not.toBe('resolved');
        const wire = callOf(log, 'notes_delete');
        expect(wire.status).toBe(403);
        const challenge = wire.responseHeaders.get('www-authenticate')!;
        expect(challenge).toContain('Signature realm="mcp"');
        expect(challenge).toContain('error="insufficient_scope"');
        expect(challenge).toContain('scope="notes:admin"');
        expect(wire.responseBody?.error.code).toBe(-32012);
        // The note is still there.
        const listed = await c.callTool({ name: 'notes_list', arguments: {} });
        expect((listed.structuredContent as { notes: Note[] }).notes.map((n) => n.id)).toContain(
          note.id,
        );
      });

      it('unsigned: public tools only, notes_list works, notes_add is 401 with a Signature challenge', async () => {
        const log: Exchange[] = [];
        const c = await client(kind, demo.url, recording(log));
        expect((await c.listTools()).tools.map((t) => t.name).sort()).toEqual(DEMO_PUBLIC_TOOLS);
        const listed = await c.callTool({ name: 'notes_list', arguments: {} });
        expect(listed.isError).toBeFalsy();
        expect(Array.isArray((listed.structuredContent as { notes: Note[] }).notes)).toBe(true);

        const refused = await c
          .callTool({ name: 'notes_add', arguments: { text: 'anonymous graffiti' } })
          .then(
            () => 'resolved',
            (e: unknown) => e,
          );
        expect(refused).not.toBe('resolved');
        const wire = callOf(log, 'notes_add');
        expect(wire.status).toBe(401);
        expect(wire.responseHeaders.get('www-authenticate')).toBe(
          'Signature realm="mcp", error="invalid_signature"',
        );
        expect(wire.responseHeaders.get('accept-signature')).toBe(
          'sig=("@method" "@target-uri" "content-digest");created;tag="mcp"',
        );
        expect(wire.responseBody?.error.code).toBe(-32011);
        const after = await c.callTool({ name: 'notes_list', arguments: {} });
        expect(JSON.stringify(after.structuredContent)).not.toContain('anonymous graffiti');
      });

      it('MSign: accepted where MCP_ACCEPT_MSIGN=1 (a note is added), 401 where it is not', async () => {
        const log: Exchange[] = [];
        const c = await client(kind, msignDemo.url, signedFetch(writer, log, { msign: true }));
        const added = await c.callTool({
          name: 'notes_add',
          arguments: { text: `compact ${kind}` },
        });
        expect(added.structuredContent).toMatchObject({
          text: `compact ${kind}`,
          author: 'writer',
        });
        const wire = callOf(log, 'notes_add');
        expect(wire.requestHeaders.get('authorization')).toMatch(/^MSign /);
        expect(wire.requestHeaders.get('signature')).toBeNull();
        expect(wire.status).toBe(200);

        const refusedLog: Exchange[] = [];
        const refused = await connect(
          kind,
          demo.url,
          signedFetch(writer, refusedLog, { msign: true }),
        )
          .then((connected) => {
            open.push(connected);
            return connected.callTool({ name: 'notes_add', arguments: { text: 'never' } });
          })
          .then(
            () => 'resolved',
            (e: unknown) => e,
          );
        expect(refused).not.toBe('resolved');
        // The very first request (initialize or server/discover) is refused already.
        expect(refusedLog[0].requestHeaders.get('authorization')).toMatch(/^MSign /);
        expect(refusedLog[0].status).toBe(401);
        expect(refusedLog[0].responseHeaders.get('www-authenticate')).toBe(
          'Signature realm="mcp", error="invalid_signature"',
        );
      });
    });

    it('a 401 from the MSign-accepting server offers both challenges', async () => {
      const log: Exchange[] = [];
      const c = await client('v1', msignDemo.url, recording(log));
      await c.callTool({ name: 'notes_add', arguments: { text: 'x' } }).catch(() => undefined);
      const wire = callOf(log, 'notes_add');
      expect(wire.status).toBe(401);
      expect(wire.responseHeaders.get('www-authenticate')).toBe(
        'Signature realm="mcp", error="invalid_signature", MSign realm="mcp"',
      );
    });

    it('a signature over another URL than the server’s public one is refused (401)', async () => {
      const log: Exchange[] = [];
      const elsewhere = signedFetch(admin, log, { publicBaseUrl: 'https://elsewhere.example' });
      await expect(connect('v1', demo.url, elsewhere)).rejects.toBeDefined();
      expect(log[0].status).toBe(401);
      expect(log[0].responseHeaders.get('www-authenticate')).toContain('error="invalid_signature"');
    });
  },
);
