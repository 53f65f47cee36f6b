import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import type { McpContext } from '../../context/mcp-context.js';
import { bootMcp, refusal } from '../../testing.spec-helper.js';
import type { JsonRpcNotification, JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { httpStatusOf } from '../../transport/http/http-status.table.js';
import { McpRegistry } from '../../registry/mcp.registry.js';
import { ANONYMOUS_PRINCIPAL, type McpPrincipal } from '../../security/principal.interface.js';
import { DEFAULT_TASK_TTL_MS, TASKS_EXTENSION } from '../../tasks/tasks.constants.js';
import { readEnvelope } from './stateless-envelope.js';
import { StatelessEraAdapter, type StatelessIo } from './stateless-era.adapter.js';

async function boot(
  options: Partial<McpModuleOptions> = {},
): Promise<{ adapter: StatelessEraAdapter; registry: McpRegistry }> {
  const ref = await bootMcp(options, '1.2.3');
  return { adapter: ref.get(StatelessEraAdapter), registry: ref.get(McpRegistry) };
}

const agent: McpPrincipal = { id: 'ada', kind: 'agent', scopes: [], roles: [] };
const SERVER_INFO = { 'io.modelcontextprotocol/serverInfo': { name: 'spec', version: '1.2.3' } };

function io(principal: McpPrincipal = agent, notes: JsonRpcNotification[] = []): StatelessIo {
  return {
    principal,
    clientKey:
      principal.kind === 'anonymous'
        ? { kind: 'anonymous', value: 'anon:127.0.0.1' }
        : { kind: 'principal', value: 'agent:ada' },
    signal: new AbortController().signal,
    channel: {
      notify: (n) => notes.push(n),
      request: () => Promise.reject(new Error('the stateless era never asks live')),
    },
  };
}

let nextId = 1;
/** A request with a valid 2026-07-28 envelope (plus `meta` extras), and that envelope read. */
function stateless(
  method: string,
  params: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
  capabilities: Record<string, unknown> = {},
): [JsonRpcRequest, ReturnType<typeof readEnvelope>] {
  const _meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': capabilities,
    ...meta,
  };
  const message: JsonRpcRequest = {
    jsonrpc: '2.0',
    id: nextId++,
    method,
    params: { ...params, _meta },
  };
  return [message, readEnvelope(message.params, undefined)];
}

describe('StatelessEraAdapter', () => {
  it('serves server/discover and the dispatched methods, not the lifecycle or removed ones', async () => {
    const { adapter } = await boot();
    for (const method of ['server/discover', 'tools/call', 'tools/list', 'tasks/get'])
      expect(adapter.serves(method), method).toBe(true);
    for (const method of [
      'initialize',
      'ping',
      'logging/setLevel',
      'resources/subscribe',
      'tasks/list',
      'tasks/result',
      'nope',
    ])
      expect(adapter.serves(method), method).toBe(false);
  });

  it('refuses a method it does not serve with -32601 on HTTP 404', async () => {
    const { adapter } = await boot();
    for (const method of ['initialize', 'tasks/list']) {
      const error = await refusal(adapter.request(...stateless(method), io()));
      expect(error.code).toBe(-32601);
      expect(httpStatusOf(error, 'stateless')).toBe(404);
    }
  });

  it('answers server/discover with versions, stateless capabilities and instructions, cacheable', async () => {
    const { adapter, registry } = await boot({ instructions: 'Be brief.', cacheTtlMs: 5_000 });
    registry.registerTool(
      { name: 'slow', inputSchema: { type: 'object' }, execution: { taskSupport: 'optional' } },
      () => 'ok',
    );
    const result = await adapter.request(...stateless('server/discover'), io(ANONYMOUS_PRINCIPAL));
    expect(result).toEqual({
      supportedVersions: ['2026-07-28'],
      capabilities: {
        logging: {},
        tools: { listChanged: true },
        extensions: { [TASKS_EXTENSION]: {} },
      },
      instructions: 'Be brief.',
      resultType: 'complete',
      ttlMs: 5_000,
      cacheScope: 'public',
      _meta: SERVER_INFO,
    });
  });

  it('marks list results cacheable: public for anonymous callers, private for the others', async () => {
    const { adapter, registry } = await boot();
    registry.registerTool({ name: 'open', inputSchema: { type: 'object' } }, () => 'ok', {
      public: true,
    });
    const anonymous = await adapter.request(...stateless('tools/list'), io(ANONYMOUS_PRINCIPAL));
    expect(anonymous).toMatchObject({
      resultType: 'complete',
      ttlMs: 60_000,
      cacheScope: 'public',
    });
    const signed = await adapter.request(...stateless('tools/list'), io(agent));
    expect(signed).toMatchObject({ resultType: 'complete', ttlMs: 60_000, cacheScope: 'private' });
    expect(signed._meta).toEqual(SERVER_INFO);
  });

  it('marks a tool result complete, not cacheable, and keeps the tool’s own _meta', async () => {
    const { adapter, registry } = await boot();
    registry.registerTool({ name: 'tagged', inputSchema: { type: 'object' } }, () => ({
      content: [{ type: 'text', text: 'hi' }],
      _meta: { 'example.com/trace': 'abc' },
    }));
    const result = await adapter.request(...stateless('tools/call', { name: 'tagged' }), io());
    expect(result).toEqual({
      content: [{ type: 'text', text: 'hi' }],
      resultType: 'complete',
      _meta: { 'example.com/trace': 'abc', ...SERVER_INFO },
    });
  });

  it('presents the envelope to handlers: era, version, clientInfo, log level and _meta', async () => {
    const { adapter, registry } = await boot();
    let seen: McpContext | undefined;
    registry.registerTool({ name: 'inspect', inputSchema: { type: 'object' } }, (_a, ctx) => {
      seen = ctx;
      ctx.progress(3);
      ctx.log('info', 'below the level');
      ctx.log('error', 'shown');
      ctx.closeStream();
      return 'ok';
    });
    const notes: JsonRpcNotification[] = [];
    const [message, envelope] = stateless(
      'tools/call',
      { name: 'inspect' },
      {
        progressToken: 7,
        'io.modelcontextprotocol/logLevel': 'warning',
        'io.modelcontextprotocol/clientInfo': { name: 'cli', version: '9' },
      },
      { elicitation: {} },
    );
    await adapter.request(message, envelope, io(agent, notes));
    expect(seen).toMatchObject({
      era: 'stateless',
      protocolVersion: '2026-07-28',
      sessionId: undefined,
      requestId: message.id,
      clientInfo: { name: 'cli', version: '9' },
      clientCapabilities: { elicitation: {} },
    });
    expect(notes.map((n) => [n.method, n.params])).toEqual([
      ['notifications/progress', { progressToken: 7, progress: 3 }],
      ['notifications/message', { level: 'error', data: 'shown' }],
    ]);
  });

  it('ignores a clientInfo that is not an object', async () => {
    const { adapter, registry } = await boot();
    let seen: McpContext | undefined;
    registry.registerTool({ name: 'inspect', inputSchema: { type: 'object' } }, (_a, ctx) => {
      seen = ctx;
      return 'ok';
    });
    await adapter.request(
      ...stateless(
        'tools/call',
        { name: 'inspect' },
        { 'io.modelcontextprotocol/clientInfo': 'x' },
      ),
      io(),
    );
    expect(seen?.clientInfo).toBeUndefined();
  });

  describe('input-required rounds', () => {
    const form = (message: string) => ({
      message,
      requestedSchema: { type: 'object', properties: { v: { type: 'string' } } },
    });

    async function twoQuestions(runs: string[] = []) {
      const booted = await boot();
      booted.registry.registerTool(
        { name: 'ask', inputSchema: { type: 'object' } },
        async (_a, ctx) => {
          runs.push('run');
          const first = await ctx.elicit({ ...form('First?'), key: 'first' });
          const last = await ctx.elicit({ ...form('Last?'), key: 'last' });
          return `${String(first.content?.v)} ${String(last.content?.v)}`;
        },
      );
      return booted;
    }

    const accept = (v: string) => ({ action: 'accept', content: { v } });

    it('ends a run that asks with an input_required result carrying a sealed requestState', async () => {
      const { adapter } = await twoQuestions();
      const caps = { elicitation: {} };
      const result = await adapter.request(
        ...stateless('tools/call', { name: 'ask' }, {}, caps),
        io(),
      );
      expect(result).toEqual({
        resultType: 'input_required',
        inputRequests: { first: { method: 'elicitation/create', params: form('First?') } },
        requestState: expect.stringMatching(/^[\w-]+\.[\w-]+$/) as unknown,
        _meta: SERVER_INFO,
      });
    });

    it('carries earlier answers in requestState until every question is answered', async () => {
      const runs: string[] = [];
      const { adapter } = await twoQuestions(runs);
      const caps = { elicitation: {} };
      const round1 = await adapter.request(
        ...stateless('tools/call', { name: 'ask' }, {}, caps),
        io(),
      );
      const round2 = await adapter.request(
        ...stateless(
          'tools/call',
          {
            name: 'ask',
            requestState: round1.requestState,
            inputResponses: { first: accept('Ada') },
          },
          {},
          caps,
        ),
        io(),
      );
      expect(round2.resultType).toBe('input_required');
      expect(Object.keys(round2.inputRequests as object)).toEqual(['last']);
      // Only the new answer is sent on the last round: the first comes back from requestState.
      const round3 = await adapter.request(
        ...stateless(
          'tools/call',
          {
            name: 'ask',
            requestState: round2.requestState,
            inputResponses: { last: accept('Lovelace') },
          },
          {},
          caps,
        ),
        io(),
      );
      expect(round3).toEqual({
        content: [{ type: 'text', text: 'Ada Lovelace' }],
        resultType: 'complete',
        _meta: SERVER_INFO,
      });
      expect(runs).toHaveLength(3);
    });

    it('refuses a requestState minted for another principal or another tool with -32602 on 400', async () => {
      const { adapter, registry } = await twoQuestions();
      registry.registerTool({ name: 'other', inputSchema: { type: 'object' } }, () => 'x');
      const caps = { elicitation: {} };
      const { requestState } = await adapter.request(
        ...stateless('tools/call', { name: 'ask' }, {}, caps),
        io(),
      );
      const mallory: McpPrincipal = { id: 'mallory', kind: 'agent', scopes: [], roles: [] };
      const stolen = await refusal(
        adapter.request(
          ...stateless('tools/call', { name: 'ask', requestState }, {}, caps),
          io(mallory),
        ),
      );
      expect([stolen.code, httpStatusOf(stolen, 'stateless'), stolen.data]).toEqual([
        -32602,
        400,
        { reason: 'minted for another principal' },
      ]);
      const moved = await refusal(
        adapter.request(
          ...stateless('tools/call', { name: 'other', requestState }, {}, caps),
          io(),
        ),
      );
      expect(moved.data).toEqual({ reason: 'minted for another request' });
    });

    it('refuses inputResponses that are not an object with -32602 on 400', async () => {
      const { adapter } = await twoQuestions();
      for (const inputResponses of [null, [], 'yes']) {
        const error = await refusal(
          adapter.request(...stateless('tools/call', { name: 'ask', inputResponses }), io()),
        );
        expect([error.code, httpStatusOf(error, 'stateless')]).toEqual([-32602, 400]);
      }
    });

    it('refuses a question the client cannot answer with -32021 on 400', async () => {
      const { adapter } = await twoQuestions();
      const error = await refusal(
        adapter.request(...stateless('tools/call', { name: 'ask' }), io()),
      );
      expect([error.code, httpStatusOf(error, 'stateless')]).toEqual([-32021, 400]);
    });
  });

  it('returns a task handle, not cacheable, when the client declared the tasks extension', async () => {
    const { adapter, registry } = await boot();
    registry.registerTool(
      { name: 'slow', inputSchema: { type: 'object' }, execution: { taskSupport: 'optional' } },
      () => 'done',
    );
    const withTasks = { extensions: { [TASKS_EXTENSION]: {} } };
    const result = await adapter.request(
      ...stateless('tools/call', { name: 'slow' }, {}, withTasks),
      io(),
    );
    expect(result).toMatchObject({ resultType: 'task', status: 'working', _meta: SERVER_INFO });
    // ttlMs here is the task's lifetime, not a cache hint.
    expect(result.ttlMs).toBe(DEFAULT_TASK_TTL_MS);
    expect(result).not.toHaveProperty('cacheScope');
    const plain = await adapter.request(...stateless('tools/call', { name: 'slow' }), io());
    expect(plain).toMatchObject({ resultType: 'complete', content: [{ text: 'done' }] });
  });

  it('lets protocol errors of the core through unchanged', async () => {
    const { adapter } = await boot();
    const error = await refusal(
      adapter.request(...stateless('tools/call', { name: 'missing' }), io()),
    );
    expect([error.code, error.message]).toEqual([-32602, 'Unknown tool: missing']);
  });
});
