import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specExchange } from '../testing.spec-helper.js';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { McpModule } from '../mcp.module.js';
import { McpError } from '../protocol/mcp.error.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import { httpStatusOf } from '../transport/http/http-status.table.js';
import { CACHEABLE_METHODS, McpDispatcher } from './mcp.dispatcher.js';

let ref: TestingModule;
let dispatcher: McpDispatcher;

beforeAll(async () => {
  ref = await Test.createTestingModule({
    imports: [McpModule.forRoot({ serverInfo: { name: 'spec', version: '1' } })],
  }).compile();
  await ref.init();
  dispatcher = ref.get(McpDispatcher);
  const registry = ref.get(McpRegistry);
  registry.registerTool({ name: 'echo', inputSchema: { type: 'object' } }, (args) =>
    JSON.stringify(args),
  );
  registry.registerResource({ uri: 'memo://note', name: 'note' }, () => 'a note');
  registry.registerResourceTemplate(
    {
      uriTemplate: 'memo://notes/{id}',
      name: 'notes',
      complete: { id: (value) => ['n1', 'n2', 'x9'].filter((v) => v.startsWith(value)) },
    },
    (vars) => `note ${String(vars.id)}`,
  );
  registry.registerPrompt(
    {
      name: 'greet',
      arguments: [{ name: 'who', required: true }],
      complete: { who: (value) => ['Ada', 'Alan', 'Grace'].filter((v) => v.startsWith(value)) },
    },
    (args) => `Say hello to ${String(args.who)}`,
  );
});

afterAll(() => ref.close());

const exchange = (method: string): McpExchange => specExchange({ method });

const dispatch = async (method: string, params: Record<string, unknown> = {}) =>
  JSON.parse(JSON.stringify(await dispatcher.dispatch(method, params, exchange(method)))) as Record<
    string,
    unknown
  >;

async function refusal(method: string, params: Record<string, unknown> = {}): Promise<McpError> {
  const error = await dispatcher.dispatch(method, params, exchange(method)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}

describe('McpDispatcher', () => {
  it('routes tools/list and tools/call to the tools handler', async () => {
    expect(await dispatch('tools/list')).toEqual({
      tools: [{ name: 'echo', inputSchema: { type: 'object' } }],
    });
    expect(await dispatch('tools/call', { name: 'echo', arguments: { n: 1 } })).toEqual({
      content: [{ type: 'text', text: '{"n":1}' }],
    });
  });

  it('routes the resources methods to the resources handler', async () => {
    expect(await dispatch('resources/list')).toEqual({
      resources: [{ uri: 'memo://note', name: 'note' }],
    });
    expect(await dispatch('resources/templates/list')).toEqual({
      resourceTemplates: [{ uriTemplate: 'memo://notes/{id}', name: 'notes' }],
    });
    expect(await dispatch('resources/read', { uri: 'memo://notes/7' })).toMatchObject({
      contents: [{ uri: 'memo://notes/7', text: 'note 7' }],
    });
  });

  it('routes the prompts methods to the prompts handler', async () => {
    expect(await dispatch('prompts/list')).toEqual({
      prompts: [{ name: 'greet', arguments: [{ name: 'who', required: true }] }],
    });
    expect(await dispatch('prompts/get', { name: 'greet', arguments: { who: 'Ada' } })).toEqual({
      messages: [{ role: 'user', content: { type: 'text', text: 'Say hello to Ada' } }],
    });
  });

  it('routes completion/complete for prompt arguments and template variables', async () => {
    const prompt = await dispatch('completion/complete', {
      ref: { type: 'ref/prompt', name: 'greet' },
      argument: { name: 'who', value: 'A' },
    });
    expect(prompt).toEqual({ completion: { values: ['Ada', 'Alan'], total: 2, hasMore: false } });
    const template = await dispatch('completion/complete', {
      ref: { type: 'ref/resource', uri: 'memo://notes/{id}' },
      argument: { name: 'id', value: 'n' },
    });
    expect(template).toEqual({ completion: { values: ['n1', 'n2'], total: 2, hasMore: false } });
  });

  it('routes tasks/* to the tasks handler', async () => {
    expect(await dispatch('tasks/list')).toEqual({ tasks: [] });
    for (const method of ['tasks/get', 'tasks/cancel', 'tasks/result']) {
      const error = await refusal(method, { taskId: 'no-such-task' });
      expect([error.code, error.message], method).toEqual([-32602, 'Unknown task: no-such-task']);
    }
  });

  it('knows exactly the core methods: lifecycle and notifications belong to the eras', () => {
    for (const method of [
      'tools/list',
      'tools/call',
      'resources/list',
      'resources/templates/list',
      'resources/read',
      'prompts/list',
      'prompts/get',
      'completion/complete',
      'tasks/get',
      'tasks/update',
      'tasks/cancel',
      'tasks/result',
      'tasks/list',
    ])
      expect(dispatcher.has(method), method).toBe(true);
    for (const method of [
      'initialize',
      'ping',
      'server/discover',
      'logging/setLevel',
      'resources/subscribe',
      'resources/unsubscribe',
      'notifications/initialized',
      'notifications/cancelled',
      'toString',
      '__proto__',
    ])
      expect(dispatcher.has(method), method).toBe(false);
  });

  it('answers a method it does not know with -32601 and no HTTP status of its own', async () => {
    for (const method of ['tools/delete', 'notifications/cancelled', 'constructor']) {
      const error = await refusal(method);
      expect(error.code).toBe(-32601);
      expect(error.message).toBe(`Method not found: ${method}`);
      expect(error.httpStatus).toBeUndefined();
      // The HTTP edge decides: a JSON-RPC error in the session era, a 404 in the stateless one.
      expect([httpStatusOf(error, 'session'), httpStatusOf(error, 'stateless')]).toEqual([
        200, 404,
      ]);
    }
  });

  it('lets a handler’s protocol error through', async () => {
    const error = await refusal('prompts/get', { name: 'nope' });
    expect(error.code).toBe(-32602);
  });

  it('marks only the list methods and resources/read as cacheable', () => {
    expect([...CACHEABLE_METHODS].sort()).toEqual([
      'prompts/list',
      'resources/list',
      'resources/read',
      'resources/templates/list',
      'tools/list',
    ]);
  });
});
