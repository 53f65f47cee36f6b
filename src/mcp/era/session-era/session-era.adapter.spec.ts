import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { LATEST_SESSION_VERSION, SESSION_ERA_VERSIONS } from '../../config/mcp.constants.js';
import type { McpContext } from '../../context/mcp-context.js';
import { bootMcp, refusal } from '../../testing.spec-helper.js';
import type { JsonRpcNotification, JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { httpStatusOf } from '../../transport/http/http-status.table.js';
import { McpRegistry } from '../../registry/mcp.registry.js';
import { ANONYMOUS_PRINCIPAL, type McpPrincipal } from '../../security/principal.interface.js';
import type { McpSession } from '../../session/session.interface.js';
import { SessionEraAdapter, type SessionIo } from './session-era.adapter.js';

async function boot(
  options: Partial<McpModuleOptions> = {},
): Promise<{ adapter: SessionEraAdapter; registry: McpRegistry }> {
  const ref = await bootMcp(options, '1.2.3');
  return { adapter: ref.get(SessionEraAdapter), registry: ref.get(McpRegistry) };
}

const agent: McpPrincipal = { id: 'ada', kind: 'agent', scopes: [], roles: [] };

/** What the adapter sent back through the transport, and the sessions it saved. */
interface Wire {
  io: SessionIo;
  notes: JsonRpcNotification[];
  asked: { method: string; params: Record<string, unknown> }[];
  saved: McpSession[];
}

function wire(principal: McpPrincipal = agent): Wire {
  const notes: JsonRpcNotification[] = [];
  const asked: Wire['asked'] = [];
  const saved: McpSession[] = [];
  const io: SessionIo = {
    principal,
    clientKey: { kind: 'principal', value: 'agent:ada' },
    signal: new AbortController().signal,
    channel: {
      notify: (n) => notes.push(n),
      request: (method, params) => {
        asked.push({ method, params });
        return Promise.resolve({ action: 'accept', content: { name: 'Grace' } });
      },
    },
    save: (session) => {
      saved.push(structuredClone(session));
      return Promise.resolve();
    },
  };
  return { io, notes, asked, saved };
}

let nextId = 1;
const call = (method: string, params?: Record<string, unknown>): JsonRpcRequest => ({
  jsonrpc: '2.0',
  id: nextId++,
  method,
  ...(params ? { params } : {}),
});

describe('SessionEraAdapter.initialize', () => {
  it.each(SESSION_ERA_VERSIONS)('echoes the supported version %s', async (version) => {
    const { adapter } = await boot();
    const { session, result } = adapter.initialize({ protocolVersion: version }, agent);
    expect(result.protocolVersion).toBe(version);
    expect(session.protocolVersion).toBe(version);
  });

  it.each([['2026-07-28'], ['1999-01-01'], [undefined], [42]])(
    'offers the latest session version for %j',
    async (requested) => {
      const { adapter } = await boot();
      const { session, result } = adapter.initialize({ protocolVersion: requested }, agent);
      expect(result.protocolVersion).toBe(LATEST_SESSION_VERSION);
      expect(session.protocolVersion).toBe(LATEST_SESSION_VERSION);
    },
  );

  it('opens an uninitialized session keyed on the principal kind and id', async () => {
    const { adapter } = await boot();
    const clientInfo = { name: 'inspector', version: '0.1' };
    const capabilities = { elicitation: {} };
    const { session } = adapter.initialize(
      { protocolVersion: '2025-06-18', capabilities, clientInfo },
      agent,
      'session-42',
    );
    expect(session).toMatchObject({
      id: 'session-42',
      principalId: 'agent:ada',
      clientCapabilities: capabilities,
      clientInfo,
      initialized: false,
      subscriptions: [],
    });
    expect(session.createdAt).toBe(session.lastSeenAt);
    const other = adapter.initialize({}, agent).session;
    expect(other.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(other.id).not.toBe(adapter.initialize({}, agent).session.id);
    expect(other.clientCapabilities).toEqual({});
  });

  it('answers with serverInfo, instructions only when configured, and what is registered', async () => {
    const bare = await boot();
    const plain = bare.adapter.initialize({ protocolVersion: '2025-11-25' }, agent).result;
    expect(plain.serverInfo).toEqual({ name: 'spec', version: '1.2.3' });
    expect(plain).not.toHaveProperty('instructions');
    expect(plain.capabilities).toEqual({ logging: {} });

    const { adapter, registry } = await boot({ instructions: 'Be brief.' });
    registry.registerTool(
      { name: 'later', inputSchema: { type: 'object' }, execution: { taskSupport: 'optional' } },
      () => 'ok',
    );
    const current = adapter.initialize({ protocolVersion: '2025-11-25' }, agent).result;
    expect(current.instructions).toBe('Be brief.');
    expect(current.capabilities).toMatchObject({ tools: { listChanged: true }, tasks: {} });
    // Tasks came with 2025-11-25: an older session is not offered them.
    const older = adapter.initialize({ protocolVersion: '2025-06-18' }, agent).result;
    expect(older.capabilities).toHaveProperty('tools');
    expect(older.capabilities).not.toHaveProperty('tasks');
  });
});

describe('SessionEraAdapter.request', () => {
  it('refuses a second initialize with -32600 on HTTP 400', async () => {
    const { adapter } = await boot();
    const { session } = adapter.initialize({}, agent);
    const error = await refusal(adapter.request(call('initialize', {}), session, wire().io));
    expect(error.code).toBe(-32600);
    expect(error.httpStatus).toBe(400);
  });

  it('answers ping with an empty result', async () => {
    const { adapter } = await boot();
    const { session } = adapter.initialize({}, agent);
    expect(await adapter.request(call('ping'), session, wire().io)).toEqual({});
  });

  it('stores a known log level on the session and refuses an unknown one with -32602', async () => {
    const { adapter } = await boot();
    const { session } = adapter.initialize({}, agent);
    const w = wire();
    expect(
      await adapter.request(call('logging/setLevel', { level: 'warning' }), session, w.io),
    ).toEqual({});
    expect(session.logLevel).toBe('warning');
    expect(w.saved.map((s) => s.logLevel)).toEqual(['warning']);

    const error = await refusal(
      adapter.request(call('logging/setLevel', { level: 'loud' }), session, w.io),
    );
    expect(error.code).toBe(-32602);
    expect(error.message).toContain('loud');
    expect(session.logLevel).toBe('warning');
    expect(w.saved).toHaveLength(1);
  });

  it('keeps one subscription per URI, drops it on unsubscribe, and saves each change', async () => {
    const { adapter, registry } = await boot();
    registry.registerResource({ uri: 'memo://a', name: 'a' }, () => 'A');
    registry.registerResource({ uri: 'memo://b', name: 'b' }, () => 'B');
    const { session } = adapter.initialize({}, agent);
    const w = wire();
    for (const uri of ['memo://a', 'memo://b', 'memo://a'])
      await adapter.request(call('resources/subscribe', { uri }), session, w.io);
    expect(session.subscriptions).toEqual(['memo://b', 'memo://a']);
    await adapter.request(call('resources/unsubscribe', { uri: 'memo://b' }), session, w.io);
    expect(session.subscriptions).toEqual(['memo://a']);
    expect(w.saved.map((s) => s.subscriptions)).toEqual([
      ['memo://a'],
      ['memo://a', 'memo://b'],
      ['memo://b', 'memo://a'],
      ['memo://a'],
    ]);
  });

  it('refuses a subscription without a string uri, or to an unknown resource, saving nothing', async () => {
    const { adapter } = await boot();
    const { session } = adapter.initialize({}, agent);
    const w = wire();
    const noUri = await refusal(
      adapter.request(call('resources/subscribe', { uri: 7 }), session, w.io),
    );
    expect(noUri.code).toBe(-32602);
    const unknown = await refusal(
      adapter.request(call('resources/subscribe', { uri: 'memo://none' }), session, w.io),
    );
    // The session era says "resource not found" with its own code.
    expect(unknown.code).toBe(-32002);
    expect(session.subscriptions).toEqual([]);
    expect(w.saved).toEqual([]);
  });

  it('hands other methods to the dispatcher, and refuses unknown ones with -32601', async () => {
    const { adapter, registry } = await boot();
    registry.registerTool({ name: 'echo', inputSchema: { type: 'object' } }, (args) =>
      JSON.stringify(args),
    );
    const { session } = adapter.initialize({}, agent);
    const listed = await adapter.request(call('tools/list'), session, wire().io);
    expect(JSON.parse(JSON.stringify(listed))).toEqual({
      tools: [{ name: 'echo', inputSchema: { type: 'object' } }],
    });
    const result = await adapter.request(
      call('tools/call', { name: 'echo', arguments: { a: 1 } }),
      session,
      wire().io,
    );
    // The session era adds nothing to results (no resultType, no _meta).
    expect(result).toEqual({ content: [{ type: 'text', text: '{"a":1}' }] });
    const error = await refusal(adapter.request(call('sessions/teleport'), session, wire().io));
    expect(error.code).toBe(-32601);
    // A session-era 404 would tell the client its session is gone.
    expect(httpStatusOf(error, 'session')).toBe(200);
  });

  it("presents the session to handlers: era, version, session id, client info and the request's _meta", async () => {
    const { adapter, registry } = await boot();
    let seen: McpContext | undefined;
    registry.registerTool({ name: 'inspect', inputSchema: { type: 'object' } }, (_a, ctx) => {
      seen = ctx;
      ctx.progress(1, 2, 'half');
      ctx.log('debug', 'hidden below the level');
      ctx.log('error', 'shown');
      return 'done';
    });
    const { session } = adapter.initialize(
      { protocolVersion: '2025-06-18', clientInfo: { name: 'cli', version: '2' } },
      agent,
      'sess-1',
    );
    session.logLevel = 'warning';
    const w = wire();
    const request = call('tools/call', { name: 'inspect', _meta: { progressToken: 'tok' } });
    await adapter.request(request, session, w.io);
    expect(seen).toMatchObject({
      era: 'session',
      protocolVersion: '2025-06-18',
      sessionId: 'sess-1',
      requestId: request.id,
      clientInfo: { name: 'cli', version: '2' },
      principal: agent,
    });
    expect(w.notes).toEqual([
      {
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: 'tok', progress: 1, total: 2, message: 'half' },
      },
      {
        jsonrpc: '2.0',
        method: 'notifications/message',
        params: { level: 'error', data: 'shown' },
      },
    ]);
  });

  it('asks the client live when it declared the capability, else refuses with -32021 on 200', async () => {
    const { adapter, registry } = await boot();
    registry.registerTool({ name: 'greet', inputSchema: { type: 'object' } }, async (_a, ctx) => {
      const answer = await ctx.elicit({ message: 'Name?', requestedSchema: { type: 'object' } });
      return `hello ${String(answer.content?.name)}`;
    });
    const able = adapter.initialize({ capabilities: { elicitation: {} } }, agent).session;
    const w = wire();
    const result = await adapter.request(call('tools/call', { name: 'greet' }), able, w.io);
    expect(result).toEqual({ content: [{ type: 'text', text: 'hello Grace' }] });
    expect(w.asked).toEqual([
      {
        method: 'elicitation/create',
        params: { message: 'Name?', requestedSchema: { type: 'object' } },
      },
    ]);

    const unable = adapter.initialize({ capabilities: {} }, agent).session;
    const silent = wire();
    const error = await refusal(
      adapter.request(call('tools/call', { name: 'greet' }), unable, silent.io),
    );
    expect(error.code).toBe(-32021);
    expect(error.data).toEqual({ requiredCapabilities: { elicitation: {} } });
    // In the session era the refusal is a JSON-RPC error, not an HTTP one.
    expect(httpStatusOf(error, 'session')).toBe(200);
    expect(silent.asked).toEqual([]);
  });

  it('applies access rules to the caller of the request', async () => {
    const { adapter, registry } = await boot();
    registry.registerTool({ name: 'inside', inputSchema: { type: 'object' } }, () => 'secret');
    const { session } = adapter.initialize({}, ANONYMOUS_PRINCIPAL);
    const error = await refusal(
      adapter.request(
        call('tools/call', { name: 'inside' }),
        session,
        wire(ANONYMOUS_PRINCIPAL).io,
      ),
    );
    // Without any authentication configured an anonymous caller cannot tell it from a missing tool.
    expect(error.code).toBe(-32602);
    expect(error.message).toBe('Unknown tool: inside');
  });
});
