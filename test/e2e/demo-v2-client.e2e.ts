import { Client, ProtocolError, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PUBLIC_TOOLS,
  DEMO_RESOURCES,
  startDemoApp,
  type RunningApp,
} from '../support/demo-app.js';
import type { Wire } from '../support/wire/http.client.js';

/** One HTTP exchange as the client's fetch saw it. */
interface Seen {
  method: string;
  requestHeaders: Headers;
  body: Wire | undefined;
  status: number;
  responseHeaders: Headers;
  responseBody: Wire | undefined;
}

function text(result: { content: unknown[] }): string {
  const block = result.content[0] as { type: string; text?: string } | undefined;
  expect(block?.type).toBe('text');
  return block!.text!;
}

describe.each(['express', 'fastify'] as const)(
  'demo over the v2 SDK client pinned to 2026-07-28 (stateless era) on %s',
  (adapter) => {
    let demo: RunningApp;
    let client: Client;
    const seen: Seen[] = [];

    /** Wraps fetch to observe every request and response the client exchanges. */
    const observingFetch = async (
      input: string | URL | Request,
      init?: RequestInit,
    ): Promise<Response> => {
      const response = await fetch(input, init);
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Wire) : undefined;
      const isJson = response.headers.get('content-type')?.startsWith('application/json') ?? false;
      seen.push({
        method: init?.method ?? 'GET',
        requestHeaders: new Headers(init?.headers),
        body,
        status: response.status,
        responseHeaders: response.headers,
        responseBody: isJson ? ((await response.clone().json()) as Wire) : undefined,
      });
      return response;
    };

    beforeAll(async () => {
      demo = await startDemoApp({ adapter });
      client = new Client(
        { name: 'v2-e2e', version: '2.0.0' },
        { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } },
      );
      await client.connect(
        new StreamableHTTPClientTransport(new URL(demo.url), { fetch: observingFetch }),
      );
    });

    afterAll(async () => {
      await client?.close();
      await demo?.close();
    });

    it('connects through server/discover, never initialize', () => {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      expect(client.getServerVersion()).toMatchObject({ name: 'nest-mcp-demo', version: '0.1.0' });
      expect(client.getServerCapabilities()).toMatchObject({
        tools: {},
        resources: {},
        prompts: {},
      });
      const methods = seen.map((s) => s.body?.method as string | undefined);
      expect(methods).toContain('server/discover');
      expect(methods).not.toContain('initialize');
    });

    it('server/discover result has resultType, supportedVersions, ttlMs and cacheScope', async () => {
      const discovered = await client.discover();
      expect(discovered.supportedVersions).toContain('2026-07-28');
      const wire = seen.filter((s) => s.body?.method === 'server/discover').at(-1)!;
      expect(wire.status).toBe(200);
      const result = wire.responseBody!.result as Wire;
      expect(result.resultType).toBe('complete');
      expect(result.supportedVersions).toEqual(['2026-07-28']);
      expect(Number.isInteger(result.ttlMs) && result.ttlMs >= 0).toBe(true);
      expect(['public', 'private']).toContain(result.cacheScope);
      expect(result.capabilities).toMatchObject({
        tools: {},
        resources: {},
        prompts: {},
        completions: {},
      });
      expect(result._meta['io.modelcontextprotocol/serverInfo']).toEqual({
        name: 'nest-mcp-demo',
        version: '0.1.0',
      });
      expect(result).not.toHaveProperty('serverInfo');
      expect(result).not.toHaveProperty('protocolVersion');
    });

    it('lists every demo tool with an input schema', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(DEMO_PUBLIC_TOOLS);
      for (const tool of tools) expect(tool.inputSchema.type).toBe('object');
      const wire = seen.filter((s) => s.body?.method === 'tools/list').at(-1)!;
      expect(wire.responseBody!.result).toMatchObject({
        resultType: 'complete',
        cacheScope: 'public',
      });
      expect(typeof wire.responseBody!.result.ttlMs).toBe('number');
    });

    it('calls every demo tool with real arguments', async () => {
      expect(
        text(
          await client.callTool({
            name: 'conjugate',
            arguments: { verb: 'eat', tense: 'past_simple', person: '3sg' },
          }),
        ),
      ).toBe('ate');
      expect(
        text(
          await client.callTool({
            name: 'conjugate',
            arguments: { verb: 'go', tense: 'present_perfect', person: '3sg' },
          }),
        ),
      ).toBe('has gone');
      const forms = await client.callTool({
        name: 'lookup_irregular_verb',
        arguments: { verb: 'go' },
      });
      expect(forms.structuredContent).toEqual({ base: 'go', past: 'went', pastParticiple: 'gone' });
      expect(
        text(await client.callTool({ name: 'lookup_spanish', arguments: { word: 'ate' } })),
      ).toBe('comió');
      const checked = await client.callTool({
        name: 'check_conjugation',
        arguments: { verb: 'write', tense: 'past_perfect', person: '3pl', answer: 'had written' },
      });
      expect(text(checked)).toBe('Correct: "they had written".');
      const notes = await client.callTool({ name: 'notes_list', arguments: {} });
      expect(notes.structuredContent).toEqual({ notes: [] });
    });

    it('each request carries the 2026-07-28 headers and the _meta envelope', () => {
      const callTool = seen.find((s) => s.body?.params?.name === 'check_conjugation')!;
      expect(callTool.requestHeaders.get('mcp-protocol-version')).toBe('2026-07-28');
      expect(callTool.requestHeaders.get('mcp-method')).toBe('tools/call');
      expect(callTool.requestHeaders.get('mcp-name')).toBe('check_conjugation');
      expect(callTool.body!.params._meta['io.modelcontextprotocol/protocolVersion']).toBe(
        '2026-07-28',
      );
      expect(callTool.responseBody!.result.resultType).toBe('complete');
    });

    it('invalid arguments → isError result; unknown tool → -32602', async () => {
      const invalid = await client.callTool({
        name: 'conjugate',
        arguments: { verb: 'eat', tense: 'past_simple', person: '4sg' },
      });
      expect(invalid.isError).toBe(true);
      expect(text(invalid)).toContain('person must be one of the following values');
      const error = await client
        .callTool({ name: 'no_such_tool', arguments: {} })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toBe(-32602);
      const wire = seen.filter((s) => s.body?.params?.name === 'no_such_tool').at(-1)!;
      expect(wire.status).toBe(200);
      expect(wire.responseBody!.error.code).toBe(-32602);
    });

    it('resources, the template, the prompt and completions', async () => {
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).toEqual(DEMO_RESOURCES);
      const tenses = await client.readResource({ uri: 'tutor://tenses' });
      expect((tenses.contents[0] as { text: string }).text).toContain(
        '**future simple**: she will eat',
      );
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['tutor://verbs/{verb}']);
      const card = await client.readResource({ uri: 'tutor://verbs/go' });
      expect(JSON.parse((card.contents[0] as { text: string }).text)).toMatchObject({
        verb: 'go',
        irregular: true,
      });
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => p.name)).toEqual(['drill']);
      const prompt = await client.getPrompt({
        name: 'drill',
        arguments: { tense: 'future_simple' },
      });
      expect((prompt.messages[0].content as { text: string }).text).toContain(
        'future simple of these verbs, one at a time: eat, go, write',
      );
      const missing = await client
        .getPrompt({ name: 'drill', arguments: {} })
        .catch((e: unknown) => e);
      expect((missing as ProtocolError).code).toBe(-32602);
      const completion = await client.complete({
        ref: { type: 'ref/prompt', name: 'drill' },
        argument: { name: 'tense', value: 'present_' },
      });
      expect(completion.completion.values).toEqual([
        'present_simple',
        'present_continuous',
        'present_perfect',
      ]);
      const verbs = await client.complete({
        ref: { type: 'ref/resource', uri: 'tutor://verbs/{verb}' },
        argument: { name: 'verb', value: 'th' },
      });
      expect(verbs.completion.values).toEqual(['think']);
    });

    it('an unknown resource is -32602 with data.uri in this era', async () => {
      const error = await client
        .readResource({ uri: 'tutor://nothing-here' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toBe(-32602);
      expect((error as ProtocolError).data).toMatchObject({ uri: 'tutor://nothing-here' });
    });

    it('no Mcp-Session-Id is ever issued (nor sent) in this era', () => {
      expect(seen.length).toBeGreaterThan(10);
      for (const exchange of seen) {
        expect(exchange.responseHeaders.get('mcp-session-id')).toBeNull();
        expect(exchange.requestHeaders.get('mcp-session-id')).toBeNull();
        expect(exchange.method).toBe('POST');
      }
    });
  },
);
