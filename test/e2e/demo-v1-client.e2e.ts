import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { EmptyResultSchema, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_TOOLS, startDemoApp, type RunningApp } from '../support/demo-app.js';
import { call } from '../support/wire/http.client.js';
import { sessionHeaders } from '../support/wire/session.requests.js';

/** Text of the first content block of a tool result. */
function text(result: Awaited<ReturnType<Client['callTool']>>): string {
  const block = (result.content as { type: string; text?: string }[])[0];
  expect(block?.type).toBe('text');
  return block.text!;
}

describe.each(['express', 'fastify'] as const)(
  'demo over the v1 SDK client (session era, Streamable HTTP) on %s',
  (adapter) => {
    let demo: RunningApp;
    let client: Client;
    let transport: StreamableHTTPClientTransport;

    beforeAll(async () => {
      demo = await startDemoApp({ adapter });
      client = new Client({ name: 'v1-e2e', version: '1.0.0' });
      transport = new StreamableHTTPClientTransport(new URL(demo.url));
      await client.connect(transport);
    });

    afterAll(async () => {
      await client?.close();
      await demo?.close();
    });

    it('initializes a session and learns who the server is', () => {
      expect(transport.sessionId).toMatch(/^[\x21-\x7e]+$/);
      expect(client.getServerVersion()).toMatchObject({ name: 'nest-mcp-demo', version: '0.1.0' });
      expect(client.getServerCapabilities()).toMatchObject({
        tools: {},
        resources: {},
        prompts: {},
        completions: {},
        logging: {},
      });
      expect(client.getInstructions()).toContain('language tutor');
    });

    it('lists every demo tool with an input schema', async () => {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name).sort();
      expect(names).toEqual(DEMO_PUBLIC_TOOLS);
      for (const tool of tools) {
        expect(tool.inputSchema.type).toBe('object');
        expect(tool.description).toBeTruthy();
      }
      const conjugate = tools.find((t) => t.name === 'conjugate')!;
      expect(Object.keys(conjugate.inputSchema.properties ?? {}).sort()).toEqual([
        'person',
        'tense',
        'verb',
      ]);
      expect(conjugate.annotations).toMatchObject({ readOnlyHint: true });
      expect(tools.find((t) => t.name === 'lookup_irregular_verb')!.outputSchema).toMatchObject({
        required: ['base', 'past', 'pastParticiple'],
      });
      // No parameters: the spec's recommended schema, which strict-mode callers accept.
      expect(tools.find((t) => t.name === 'notes_list')!.inputSchema).toEqual({
        type: 'object',
        additionalProperties: false,
      });
    });

    it('a tool without parameters refuses stray arguments', async () => {
      const result = await client.callTool({ name: 'notes_list', arguments: { stray: 1 } });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(/additional properties/);
    });

    it('conjugate: eat, past_simple, 3sg → "ate"', async () => {
      const result = await client.callTool({
        name: 'conjugate',
        arguments: { verb: 'eat', tense: 'past_simple', person: '3sg' },
      });
      expect(result.isError).toBeFalsy();
      expect(text(result)).toBe('ate');
    });

    it('conjugate: go, present_perfect, 3sg → "has gone"', async () => {
      const result = await client.callTool({
        name: 'conjugate',
        arguments: { verb: 'go', tense: 'present_perfect', person: '3sg' },
      });
      expect(text(result)).toBe('has gone');
    });

    it('lookup_irregular_verb: go → structured principal parts', async () => {
      const result = await client.callTool({
        name: 'lookup_irregular_verb',
        arguments: { verb: 'go' },
      });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({
        base: 'go',
        past: 'went',
        pastParticiple: 'gone',
      });
      expect(JSON.parse(text(result))).toEqual({
        base: 'go',
        past: 'went',
        pastParticiple: 'gone',
      });
    });

    it('lookup_irregular_verb: a regular verb is a tool error, not a protocol error', async () => {
      const result = await client.callTool({
        name: 'lookup_irregular_verb',
        arguments: { verb: 'walk' },
      });
      expect(result.isError).toBe(true);
      expect(text(result)).toContain('"walk" is not in the irregular verb list');
      expect(text(result)).toContain('walked');
    });

    it('lookup_spanish: ate → "comió"', async () => {
      const result = await client.callTool({ name: 'lookup_spanish', arguments: { word: 'ate' } });
      expect(text(result)).toBe('comió');
    });

    it('notes_list: the (empty) shared notebook as structured content', async () => {
      const result = await client.callTool({ name: 'notes_list', arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({ notes: [] });
    });

    it('check_conjugation: right and wrong answers', async () => {
      const right = await client.callTool({
        name: 'check_conjugation',
        arguments: { verb: 'eat', tense: 'past_simple', person: '3sg', answer: 'ate' },
      });
      expect(text(right)).toBe('Correct: "he/she/it ate".');
      const wrong = await client.callTool({
        name: 'check_conjugation',
        arguments: { verb: 'eat', tense: 'past_simple', person: '1sg', answer: 'eated' },
      });
      expect(wrong.isError).toBeFalsy();
      expect(text(wrong)).toBe(
        'Not quite: the past simple of "eat" for "I" is "ate", not "eated".',
      );
    });

    it('invalid arguments → an isError result carrying the validation message', async () => {
      const result = await client.callTool({
        name: 'conjugate',
        arguments: { verb: 'eat 2', tense: 'past_simple', person: '3sg' },
      });
      expect(result.isError).toBe(true);
      expect(text(result)).toContain('Invalid arguments for tool conjugate');
      expect(text(result)).toContain('verb must be a single English word');
      const badTense = await client.callTool({
        name: 'conjugate',
        arguments: { verb: 'eat', tense: 'aorist', person: '3sg' },
      });
      expect(badTense.isError).toBe(true);
      expect(text(badTense)).toMatch(/tense must be one of the following values/);
    });

    it('unknown tool → McpError -32602', async () => {
      const error = await client.callTool({ name: 'no_such_tool', arguments: {} }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(McpError);
      expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
      expect((error as McpError).message).toContain('Unknown tool: no_such_tool');
    });

    it('lists and reads the tenses resource', async () => {
      const { resources } = await client.listResources();
      expect(resources).toEqual([
        expect.objectContaining({
          uri: 'tutor://progress',
          name: 'progress',
          mimeType: 'application/json',
        }),
        expect.objectContaining({
          uri: 'tutor://tenses',
          name: 'tenses',
          mimeType: 'text/markdown',
        }),
      ]);
      const { contents } = await client.readResource({ uri: 'tutor://tenses' });
      expect(contents).toHaveLength(1);
      expect(contents[0]).toMatchObject({ uri: 'tutor://tenses', mimeType: 'text/markdown' });
      const body = (contents[0] as { text: string }).text;
      expect(body).toContain('# Tenses');
      expect(body).toContain('**past simple**: she ate');
      expect(body).toContain('**present perfect**: she has eaten');
    });

    it('lists the verb-card template and reads tutor://verbs/go', async () => {
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates).toEqual([
        expect.objectContaining({ uriTemplate: 'tutor://verbs/{verb}', name: 'verb-card' }),
      ]);
      const { contents } = await client.readResource({ uri: 'tutor://verbs/go' });
      expect(contents[0]).toMatchObject({ uri: 'tutor://verbs/go', mimeType: 'application/json' });
      const card = JSON.parse((contents[0] as { text: string }).text) as {
        verb: string;
        irregular: boolean;
        table: Record<string, Record<string, string>>;
      };
      expect(card.verb).toBe('go');
      expect(card.irregular).toBe(true);
      expect(card.table.past_simple['1sg']).toBe('went');
      expect(card.table.present_perfect['3sg']).toBe('has gone');
      expect(card.table.present_simple['3sg']).toBe('goes');
    });

    it('an unknown resource URI is a -32002 error in the session era', async () => {
      const error = await client
        .readResource({ uri: 'tutor://nothing-here' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(McpError);
      expect((error as McpError).code).toBe(-32002);
    });

    it('lists and gets the drill prompt', async () => {
      const { prompts } = await client.listPrompts();
      expect(prompts).toHaveLength(1);
      expect(prompts[0]).toMatchObject({ name: 'drill', title: 'Conjugation drill' });
      expect(prompts[0].arguments).toEqual([
        expect.objectContaining({ name: 'tense', required: true }),
        expect.objectContaining({ name: 'verbs' }),
      ]);
      const result = await client.getPrompt({
        name: 'drill',
        arguments: { tense: 'past_simple', verbs: 'eat, go' },
      });
      expect(result.messages).toHaveLength(1);
      expect(result.messages[0]).toMatchObject({ role: 'user', content: { type: 'text' } });
      expect((result.messages[0].content as { text: string }).text).toBe(
        'Quiz me on the past simple of these verbs, one at a time: eat, go. Use the conjugate tool to check my answers.',
      );
    });

    it('prompt without its required argument → McpError -32602', async () => {
      const error = await client
        .getPrompt({ name: 'drill', arguments: {} })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(McpError);
      expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
      expect((error as McpError).message).toContain('Missing required argument "tense"');
    });

    it('completes the prompt argument and the template variable', async () => {
      const tense = await client.complete({
        ref: { type: 'ref/prompt', name: 'drill' },
        argument: { name: 'tense', value: 'past' },
      });
      expect(tense.completion.values).toEqual(['past_simple', 'past_perfect']);
      const verb = await client.complete({
        ref: { type: 'ref/resource', uri: 'tutor://verbs/{verb}' },
        argument: { name: 'verb', value: 'b' },
      });
      expect(verb.completion.values).toEqual(['be', 'begin', 'break', 'bring', 'buy']);
      expect(verb.completion.total).toBe(5);
    });

    it('answers ping and logging/setLevel (an unknown level is -32602)', async () => {
      await expect(client.ping()).resolves.toEqual({});
      await expect(client.setLoggingLevel('debug')).resolves.toEqual({});
      const error = await client
        .request(
          { method: 'logging/setLevel', params: { level: 'loud' as 'debug' } },
          EmptyResultSchema,
        )
        .catch((e: unknown) => e);
      expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
    });

    it('close (DELETE) ends the session: the old id then answers 404', async () => {
      const own = new Client({ name: 'v1-e2e-close', version: '1.0.0' });
      const ownTransport = new StreamableHTTPClientTransport(new URL(demo.url));
      await own.connect(ownTransport);
      const sessionId = ownTransport.sessionId!;
      try {
        expect((await own.listTools()).tools.length).toBe(DEMO_PUBLIC_TOOLS.length);
        await ownTransport.terminateSession();
        expect(ownTransport.sessionId).toBeUndefined();
      } finally {
        await own.close();
      }
      const after = await call(demo.url, {
        headers: sessionHeaders(sessionId),
        body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
      });
      expect(after.status).toBe(404);
      expect(after.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
    });
  },
);
