import { afterEach, describe, expect, it, vi } from 'vitest';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { InputRequiredSignal } from '../context/input-required.signal.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { InputCollector } from '../context/input-collector.js';
import { MemoryTaskStore } from './memory-task.store.js';
import type { StoredTask } from './task.types.js';
import { RELATED_TASK_META } from './tasks.constants.js';
import { MemoryEventStore } from '../session/memory-event.store.js';
import { MemoryMessageBus } from '../bus/memory-message.bus.js';
import { SessionOutbox } from '../session/session.outbox.js';
import { TasksService } from './tasks.service.js';
import type { RegisteredTool } from '../registry/registry.types.js';

type Tool = (
  args: Record<string, unknown>,
  exchange: McpExchange,
) => Promise<Record<string, unknown>>;

const text = (value: string): Record<string, unknown> => ({
  content: [{ type: 'text', text: value }],
});
const form = { message: 'Name?', requestedSchema: { type: 'object', properties: {} } };
const stores: MemoryTaskStore[] = [];
/** Only the name matters to the service; the runner above looks the handler up by it. */
const toolNamed = (name: string): RegisteredTool => ({ definition: { name } }) as RegisteredTool;

function setup(tools: Record<string, Tool>): { service: TasksService; store: MemoryTaskStore } {
  const store = new MemoryTaskStore(100);
  stores.push(store);
  const options = { serverInfo: { name: 't', version: '1' }, tasks: { pollIntervalMs: 20 } };
  const bus = new MemoryMessageBus();
  const service = new TasksService(
    store,
    options,
    new SessionOutbox(new MemoryEventStore(), bus),
    bus,
    {
      invoke: (tool, value, ex) =>
        tools[tool.definition.name](value as Record<string, unknown>, ex),
      resume: (name, args, ex) => tools[name](args, ex),
    },
  );
  return { service, store };
}

function exchange(
  era: 'session' | 'stateless' = 'stateless',
  principal = 'alice',
  input: McpExchange['input'] = () => Promise.reject(new Error('no input here')),
): McpExchange {
  return {
    era,
    protocolVersion: era === 'stateless' ? '2026-07-28' : '2025-11-25',
    requestId: 1,
    method: 'tools/call',
    principal: { id: principal, kind: 'agent', scopes: [], roles: [] },
    clientKey: { kind: 'principal', value: principal },
    clientCapabilities: { elicitation: {} },
    sessionId: era === 'session' ? 'session-1' : undefined,
    meta: {},
    signal: new AbortController().signal,
    logLevel: undefined,
    notify: () => undefined,
    input,
    disconnect: () => undefined,
  };
}

async function settled(
  service: TasksService,
  task: StoredTask,
  ex = exchange(),
): Promise<StoredTask> {
  await vi.waitFor(async () => {
    const now = await service.owned(task.taskId, ex);
    if (now.status === 'working') throw new Error('still working');
  });
  return service.owned(task.taskId, ex);
}

afterEach(() => stores.splice(0).forEach((s) => s.onModuleDestroy()));

describe('TasksService', () => {
  it('records a working task at once, then the tool result when the handler returns', async () => {
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    const { service } = setup({ slow: async () => (await gate, text('done')) });
    const task = await service.launch({
      tool: toolNamed('slow'),
      value: {},
      arguments: {},
      exchange: exchange(),
      inputFirst: false,
    });
    expect((await service.owned(task.taskId, exchange())).status).toBe('working');
    finish();
    const done = await settled(service, task);
    expect(done.status).toBe('completed');
    expect(done.result).toEqual(text('done'));
  });

  it('records a protocol error as failed with the error, an unexpected one as -32603', async () => {
    const { service } = setup({
      protocol: () => Promise.reject(new McpError(ErrorCode.InvalidParams, 'bad input')),
      crash: () => Promise.reject(new TypeError('boom')),
    });
    const a = await service.launch({
      tool: toolNamed('protocol'),
      value: {},
      arguments: {},
      exchange: exchange(),
      inputFirst: false,
    });
    const b = await service.launch({
      tool: toolNamed('crash'),
      value: {},
      arguments: {},
      exchange: exchange(),
      inputFirst: false,
    });
    const failedA = await settled(service, a);
    expect(failedA.status).toBe('failed');
    expect(failedA.error).toEqual({ code: -32602, message: 'bad input' });
    expect(failedA.result).toBeUndefined();
    expect((await settled(service, b)).error).toEqual({ code: -32603, message: 'Internal error' });
  });

  it('binds a task to its principal: another one gets -32602 as for an unknown id', async () => {
    const { service } = setup({ quick: () => Promise.resolve(text('ok')) });
    const task = await service.launch({
      tool: toolNamed('quick'),
      value: {},
      arguments: {},
      exchange: exchange(),
      inputFirst: false,
    });
    for (const probe of [
      service.owned(task.taskId, exchange('stateless', 'mallory')),
      service.owned('nope', exchange()),
    ]) {
      const error = (await probe.catch((e: unknown) => e)) as McpError;
      expect(error.code).toBe(-32602);
      expect(error.message).toMatch(/^Unknown task: /);
    }
  });

  it('parks on parallel questions, keeps the unanswered ones, resumes with every answer', async () => {
    const runs: number[] = [];
    const { service } = setup({
      ask: async (_args, ex) => {
        runs.push(runs.length);
        const [first, last] = await Promise.all([
          ex.input('elicitation/create', form, 'first'),
          ex.input('elicitation/create', form, 'last'),
        ]);
        return text(
          `${String((first.content as { v: string }).v)} ${String((last.content as { v: string }).v)}`,
        );
      },
    });
    const task = await service.launch({
      tool: toolNamed('ask'),
      value: {},
      arguments: {},
      exchange: exchange(),
      inputFirst: false,
    });
    const parked = await settled(service, task);
    expect(parked.status).toBe('input_required');
    expect(Object.keys(parked.inputRequests ?? {})).toEqual(['first', 'last']);
    expect(parked.inputRequests?.first).toEqual({ method: 'elicitation/create', params: form });

    await service.update(parked, { first: { action: 'accept', content: { v: 'Ada' } }, stray: {} });
    const partial = await service.owned(task.taskId, exchange());
    expect(partial.status).toBe('input_required');
    expect(Object.keys(partial.inputRequests ?? {})).toEqual(['last']);

    await service.update(partial, { last: { action: 'accept', content: { v: 'Lovelace' } } });
    const done = await settled(service, task);
    expect(done.status).toBe('completed');
    expect(done.result).toEqual(text('Ada Lovelace'));
    expect(runs).toHaveLength(2);
  });

  it('refuses a non-object answer to an open question with -32602', async () => {
    const { service } = setup({ ask: (_a, ex) => ex.input('elicitation/create', form, 'q') });
    const task = await service.launch({
      tool: toolNamed('ask'),
      value: {},
      arguments: {},
      exchange: exchange(),
      inputFirst: false,
    });
    const parked = await settled(service, task);
    const error = (await service.update(parked, { q: 12345 }).catch((e: unknown) => e)) as McpError;
    expect(error.code).toBe(-32602);
    expect((await service.owned(task.taskId, exchange())).status).toBe('input_required');
  });

  it('cancels a running task: status sticks, the handler is aborted, a second cancel is a no-op', async () => {
    let aborted = false;
    const { service } = setup({
      forever: (_a, ex) =>
        new Promise((_r, reject) =>
          ex.signal.addEventListener('abort', () => ((aborted = true), reject(new Error('stop')))),
        ),
    });
    const task = await service.launch({
      tool: toolNamed('forever'),
      value: {},
      arguments: {},
      exchange: exchange(),
      inputFirst: false,
    });
    expect(await service.cancel(await service.owned(task.taskId, exchange()))).toBe(true);
    expect(aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    const after = await service.owned(task.taskId, exchange());
    expect(after.status).toBe('cancelled');
    expect(after.error).toBeUndefined();
    expect(await service.cancel(after)).toBe(false);
  });

  it('input first: a question asked at once is an MRTR round and creates no task', async () => {
    const { service, store } = setup({
      greet: async (_a, ex) => {
        const answer = await ex.input('elicitation/create', form, 'user_name');
        return text(`Hello, ${String((answer.content as { name: string }).name)}!`);
      },
    });
    const round1 = exchange('stateless', 'alice', (m, p, k) =>
      new InputCollector({}).ask(m, p, k!),
    );
    const error = await service
      .launch({
        tool: toolNamed('greet'),
        value: {},
        arguments: {},
        exchange: round1,
        inputFirst: true,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputRequiredSignal);
    expect(Object.keys((error as InputRequiredSignal).inputRequests)).toEqual(['user_name']);
    expect(await store.list('alice')).toEqual([]);

    const answers = { user_name: { action: 'accept', content: { name: 'Alice' } } };
    const round2 = exchange('stateless', 'alice', (m, p, k) =>
      new InputCollector(answers).ask(m, p, k!),
    );
    const task = await service.launch({
      tool: toolNamed('greet'),
      value: {},
      arguments: {},
      exchange: round2,
      inputFirst: true,
    });
    expect(task.status).toBe('working');
    const done = await settled(service, task);
    expect(done.result).toEqual(text('Hello, Alice!'));
  });

  it('session era: tasks/result carries the question with related-task _meta, then the result', async () => {
    const { service } = setup({
      ask: async (_a, ex) => {
        const answer = await ex.input('elicitation/create', form, 'q');
        return text(String(answer.action));
      },
    });
    const creator = exchange('session');
    const task = await service.launch({
      tool: toolNamed('ask'),
      value: {},
      arguments: {},
      exchange: creator,
      inputFirst: false,
    });
    await vi.waitFor(async () =>
      expect((await service.owned(task.taskId, creator)).status).toBe('input_required'),
    );
    const asked: Record<string, unknown>[] = [];
    const reader = exchange('session', 'alice', (_method, params) => {
      asked.push(params);
      return Promise.resolve({ action: 'accept' });
    });
    const done = await service.awaitTerminal(await service.owned(task.taskId, reader), reader);
    expect(asked).toHaveLength(1);
    expect((asked[0]._meta as Record<string, unknown>)[RELATED_TASK_META]).toEqual({
      taskId: task.taskId,
    });
    expect(done.status).toBe('completed');
    expect(done.result).toEqual(text('accept'));
  });
});
