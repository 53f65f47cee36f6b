import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { InputRequiredSignal } from '../context/input-required.signal.js';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { bootMcp, specExchange } from '../testing.spec-helper.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import { ANONYMOUS_PRINCIPAL, type McpPrincipal } from '../security/principal.interface.js';
import { clientKeyOf } from '../security/client-key.js';
import { TASKS_EXTENSION } from '../tasks/tasks.constants.js';
import { httpStatusOf } from '../transport/http/http-status.table.js';
import type { ToolCallOutcome } from './tool-call.outcome.js';
import { ToolsHandler } from './tools.handler.js';

async function boot(
  options: Partial<McpModuleOptions> = {},
): Promise<{ tools: ToolsHandler; registry: McpRegistry }> {
  const ref = await bootMcp(options, '1');
  return { tools: ref.get(ToolsHandler), registry: ref.get(McpRegistry) };
}

/** Every caller here comes from one address: anonymous ones share a key, the others do not. */
const from10001 = { socket: { remoteAddress: '10.0.0.1' } } as IncomingMessage;
const ada: McpPrincipal = { id: 'ada', kind: 'agent', scopes: [], roles: [] };
const OBJECT = { type: 'object' };

function exchange(principal: McpPrincipal = ada, more: Partial<McpExchange> = {}): McpExchange {
  return specExchange({ principal, clientKey: clientKeyOf(from10001, principal), ...more });
}

const names = (listed: Record<string, unknown>): string[] =>
  (JSON.parse(JSON.stringify(listed.tools)) as { name: string }[]).map((t) => t.name);

async function refusal(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}

/** A promise the test settles, for handlers that must stay in flight. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('ToolsHandler.list', () => {
  it('shows each caller only the tools it may use', async () => {
    const { tools, registry } = await boot();
    registry.registerTool({ name: 'open', inputSchema: OBJECT }, () => 'x', { public: true });
    registry.registerTool({ name: 'inside', inputSchema: OBJECT }, () => 'x');
    registry.registerTool({ name: 'admin', inputSchema: OBJECT, scopes: ['admin'] }, () => 'x');
    expect(names(tools.list({}, exchange(ANONYMOUS_PRINCIPAL)))).toEqual(['open']);
    expect(names(tools.list({}, exchange(ada)))).toEqual(['inside', 'open']);
    const admin = { ...ada, id: 'root', scopes: ['admin'] };
    expect(names(tools.list({}, exchange(admin)))).toEqual(['admin', 'inside', 'open']);
  });

  it('pages by pageSize with a cursor to the next page', async () => {
    const { tools, registry } = await boot({ pageSize: 2 });
    for (const name of ['c', 'a', 'b'])
      registry.registerTool({ name, inputSchema: OBJECT }, () => '');
    const first = tools.list({}, exchange());
    expect(names(first)).toEqual(['a', 'b']);
    expect(typeof first.nextCursor).toBe('string');
    const second = tools.list({ cursor: first.nextCursor }, exchange());
    expect(names(second)).toEqual(['c']);
    expect(second).not.toHaveProperty('nextCursor');
  });

  it('serves a fresh page once the tool list changes', async () => {
    const { tools, registry } = await boot();
    registry.registerTool({ name: 'one', inputSchema: OBJECT }, () => '');
    expect(names(tools.list({}, exchange()))).toEqual(['one']);
    registry.registerTool({ name: 'two', inputSchema: OBJECT }, () => '');
    expect(names(tools.list({}, exchange()))).toEqual(['one', 'two']);
    registry.remove('tools', 'one');
    expect(names(tools.list({}, exchange()))).toEqual(['two']);
  });
});

describe('ToolsHandler.call', () => {
  it('runs the handler with the validated arguments and returns its normalised result', async () => {
    const { tools, registry } = await boot();
    registry.registerTool(
      { name: 'double', inputSchema: z.object({ n: z.coerce.number() }) },
      (args: { n: number }) => String(args.n * 2),
    );
    const result = await tools.call({ name: 'double', arguments: { n: '21' } }, exchange());
    expect(result).toEqual({ content: [{ type: 'text', text: '42' }] });
  });

  it('answers an unknown tool with -32602, the same for a name that is not a string', async () => {
    const { tools } = await boot();
    for (const name of ['ghost', 42, undefined]) {
      const error = await refusal(tools.call({ name }, exchange()));
      expect([error.code, error.message]).toEqual([-32602, `Unknown tool: ${String(name)}`]);
    }
  });

  it('turns arguments that are not an object or fail the schema into isError results', async () => {
    const { tools, registry } = await boot();
    const ran: unknown[] = [];
    registry.registerTool(
      {
        name: 'strict',
        inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
      },
      (args) => (ran.push(args), 'ran'),
    );
    for (const bad of [[1], 'text', 7]) {
      expect(await tools.call({ name: 'strict', arguments: bad }, exchange())).toEqual({
        content: [{ type: 'text', text: 'Invalid arguments: arguments must be an object' }],
        isError: true,
      });
    }
    const invalid = await tools.call({ name: 'strict', arguments: { n: 'x' } }, exchange());
    expect(invalid.isError).toBe(true);
    expect((invalid.content as { text: string }[])[0].text).toMatch(
      /^Invalid arguments for tool strict: /,
    );
    expect(ran).toEqual([]);
  });

  it('turns a failing handler into an isError result but lets a protocol error through', async () => {
    const { tools, registry } = await boot();
    registry.registerTool({ name: 'crash', inputSchema: OBJECT }, () => {
      throw new Error('disk full');
    });
    registry.registerTool({ name: 'refuse', inputSchema: OBJECT }, () => {
      throw new McpError(ErrorCode.InvalidParams, 'no such order', { order: 7 });
    });
    expect(await tools.call({ name: 'crash' }, exchange())).toEqual({
      content: [{ type: 'text', text: 'disk full' }],
      isError: true,
    });
    const error = await refusal(tools.call({ name: 'refuse' }, exchange()));
    expect([error.code, error.message, error.data]).toEqual([
      -32602,
      'no such order',
      { order: 7 },
    ]);
  });

  it('applies a per-tool rate limit per client key, to registered tools only', async () => {
    const { tools, registry } = await boot();
    registry.registerTool(
      { name: 'scarce', inputSchema: OBJECT, rateLimit: { limit: 1, ttlMs: 60_000 } },
      () => 'ok',
    );
    expect((await tools.call({ name: 'scarce' }, exchange())).isError).toBeUndefined();
    const limited = await refusal(tools.call({ name: 'scarce' }, exchange()));
    expect([limited.code, limited.httpStatus]).toEqual([-32013, 429]);
    const grace = { ...ada, id: 'grace' };
    expect(await tools.call({ name: 'scarce' }, exchange(grace))).toEqual({
      content: [{ type: 'text', text: 'ok' }],
    });
  });

  it('holds one in-flight slot per call and frees it when the call ends, however it ends', async () => {
    const { tools, registry } = await boot({ concurrency: { callsPerAgent: 1 } });
    const held = gate();
    registry.registerTool(
      { name: 'hold', inputSchema: OBJECT },
      async () => (await held.wait, 'done'),
    );
    registry.registerTool({ name: 'quick', inputSchema: OBJECT }, () => 'quick');
    const first = tools.call({ name: 'hold' }, exchange());
    const busy = await refusal(tools.call({ name: 'quick' }, exchange()));
    expect([busy.code, busy.httpStatus, busy.headers]).toEqual([
      -32013,
      429,
      { 'retry-after': '1' },
    ]);
    // Another client is not held back by this one.
    expect((await tools.call({ name: 'quick' }, exchange({ ...ada, id: 'b' }))).content).toEqual([
      { type: 'text', text: 'quick' },
    ]);
    held.open();
    expect((await first).content).toEqual([{ type: 'text', text: 'done' }]);
    // Refused calls give their slot back too.
    await refusal(tools.call({ name: 'ghost' }, exchange()));
    expect((await tools.call({ name: 'quick' }, exchange())).content).toEqual([
      { type: 'text', text: 'quick' },
    ]);
  });

  describe('as a task', () => {
    it('hands the value validated once to the task and answers with the session-era task', async () => {
      const { tools, registry } = await boot();
      let validations = 0;
      const seen: unknown[] = [];
      registry.registerTool(
        {
          name: 'bake',
          inputSchema: z.object({
            n: z.coerce.number().refine(() => ++validations > 0),
          }),
          execution: { taskSupport: 'optional' },
        },
        (args) => (seen.push(args), 'baked'),
      );
      const result = await tools.call(
        { name: 'bake', arguments: { n: '3' }, task: { ttl: 90_000 } },
        exchange(),
      );
      expect(result.task).toMatchObject({ status: 'working', ttl: 90_000 });
      expect(result).not.toHaveProperty('content');
      await vi.waitFor(() => expect(seen).toEqual([{ n: 3 }]));
      expect(validations).toBe(1);
    });

    it('answers with the stateless CreateTaskResult when the client declared the extension', async () => {
      const { tools, registry } = await boot();
      registry.registerTool(
        { name: 'bake', inputSchema: OBJECT, execution: { taskSupport: 'required' } },
        () => 'baked',
      );
      const result = await tools.call(
        { name: 'bake' },
        exchange(ada, {
          era: 'stateless',
          protocolVersion: '2026-07-28',
          sessionId: undefined,
          clientCapabilities: { extensions: { [TASKS_EXTENSION]: {} } },
        }),
      );
      expect(result).toMatchObject({ resultType: 'task', status: 'working' });
      expect(typeof result.taskId).toBe('string');
    });

    it('runs inline or refuses when the tool and the request disagree on tasks', async () => {
      const { tools, registry } = await boot();
      registry.registerTool(
        { name: 'never', inputSchema: OBJECT, execution: { taskSupport: 'forbidden' } },
        () => 'inline',
      );
      registry.registerTool(
        { name: 'always', inputSchema: OBJECT, execution: { taskSupport: 'required' } },
        () => 'inline',
      );
      const forbidden = await refusal(tools.call({ name: 'never', task: {} }, exchange()));
      const missing = await refusal(tools.call({ name: 'always' }, exchange()));
      expect([forbidden.code, missing.code]).toEqual([-32601, -32601]);
      // Before 2025-11-25 there are no tasks: a task request runs inline.
      const older = exchange(ada, { protocolVersion: '2025-06-18' });
      expect(await tools.call({ name: 'always', task: {} }, older)).toEqual({
        content: [{ type: 'text', text: 'inline' }],
      });
      const stateless = exchange(ada, {
        era: 'stateless',
        protocolVersion: '2026-07-28',
        sessionId: undefined,
      });
      const undeclared = await refusal(tools.call({ name: 'always' }, stateless));
      expect([undeclared.code, httpStatusOf(undeclared, 'stateless')]).toEqual([-32021, 400]);
    });

    it('keeps the in-flight slot until the task’s handler ends, not just until launch', async () => {
      const { tools, registry } = await boot({ concurrency: { callsPerAgent: 1 } });
      const held = gate();
      let ended = false;
      registry.registerTool(
        { name: 'long', inputSchema: OBJECT, execution: { taskSupport: 'optional' } },
        async () => {
          await held.wait;
          ended = true;
          return 'done';
        },
      );
      registry.registerTool({ name: 'quick', inputSchema: OBJECT }, () => 'quick');
      await tools.call({ name: 'long', task: {} }, exchange());
      const busy = await refusal(tools.call({ name: 'quick' }, exchange()));
      expect(busy.httpStatus).toBe(429);
      held.open();
      await vi.waitFor(() => expect(ended).toBe(true));
      await vi.waitFor(async () =>
        expect((await tools.call({ name: 'quick' }, exchange())).content).toEqual([
          { type: 'text', text: 'quick' },
        ]),
      );
    });
  });

  describe('onCallEnded', () => {
    it('hears each registered tool’s outcome and duration, never an unknown name', async () => {
      const { tools, registry } = await boot();
      const heard: [string, ToolCallOutcome, number][] = [];
      tools.onCallEnded((tool, outcome, seconds) => heard.push([tool, outcome, seconds]));
      registry.registerTool({ name: 'fine', inputSchema: OBJECT }, () => 'ok');
      registry.registerTool({ name: 'broken', inputSchema: OBJECT }, () => {
        throw new Error('no');
      });
      registry.registerTool({ name: 'refusing', inputSchema: OBJECT }, () => {
        throw new McpError(ErrorCode.InvalidParams, 'no');
      });
      registry.registerTool({ name: 'asking', inputSchema: OBJECT }, async (_a, ctx) => {
        await ctx.elicit({ message: 'Sure?', requestedSchema: OBJECT });
        return 'asked';
      });
      const asking = exchange(ada, {
        input: () =>
          Promise.reject(
            new InputRequiredSignal({ q: { method: 'elicitation/create', params: {} } }),
          ),
      });
      await tools.call({ name: 'fine' }, exchange());
      await tools.call({ name: 'broken' }, exchange());
      await tools.call({ name: 'fine', arguments: 'bad' }, exchange());
      await refusal(tools.call({ name: 'refusing' }, exchange()));
      await expect(tools.call({ name: 'asking' }, asking)).rejects.toBeInstanceOf(
        InputRequiredSignal,
      );
      await refusal(tools.call({ name: 'ghost' }, exchange()));
      expect(heard.map(([tool, outcome]) => [tool, outcome])).toEqual([
        ['fine', 'ok'],
        ['broken', 'error'],
        ['fine', 'error'],
        ['refusing', 'protocol_error'],
        ['asking', 'input_required'],
      ]);
      for (const [, , seconds] of heard) expect(seconds).toBeGreaterThanOrEqual(0);
    });
  });
});
