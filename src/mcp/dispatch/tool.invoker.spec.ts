import 'reflect-metadata';
import { BadRequestException, ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputRequiredSignal } from '../context/input-required.signal.js';
import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { McpModule } from '../mcp.module.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import type { RegisteredTool } from '../registry/registry.types.js';
import { invalidArguments, ToolInvoker } from './tool.invoker.js';

/** Every warn line, as the invoker's logger writes it. */
const warnings: string[] = [];
const recorder: LoggerService = {
  log: () => undefined,
  error: () => undefined,
  warn: (message: unknown) => void warnings.push(String(message)),
};

let ref: TestingModule;
let invoker: ToolInvoker;
let registry: McpRegistry;

beforeAll(async () => {
  ref = await Test.createTestingModule({
    imports: [McpModule.forRoot({ serverInfo: { name: 'spec', version: '1' } })],
  }).compile();
  await ref.init();
  // After compile: the testing module installs its own logger there.
  Logger.overrideLogger(recorder);
  invoker = ref.get(ToolInvoker);
  registry = ref.get(McpRegistry);
  registry.registerTool({ name: 'plain', inputSchema: { type: 'object' } }, () => 'plain text');
  registry.registerTool(
    {
      name: 'typed',
      inputSchema: z.object({ n: z.coerce.number() }),
      outputSchema: { type: 'object', properties: { sum: { type: 'number' } } },
    },
    (args: { n: number }) => ({ sum: args.n + 1 }),
  );
  registry.registerTool({ name: 'crash', inputSchema: { type: 'object' } }, () => {
    throw new TypeError('cannot read x');
  });
  registry.registerTool({ name: 'bad-request', inputSchema: { type: 'object' } }, () => {
    throw new BadRequestException(['a must be set', 'b must be a date']);
  });
  registry.registerTool({ name: 'protocol', inputSchema: { type: 'object' } }, () => {
    throw new McpError(ErrorCode.InvalidParams, 'order 7 is closed');
  });
  registry.registerTool({ name: 'asks', inputSchema: { type: 'object' } }, () => {
    throw new InputRequiredSignal({ q: { method: 'roots/list', params: {} } });
  });
  registry.registerTool({ name: 'rejects-string', inputSchema: { type: 'object' } }, () =>
    Promise.reject(new Error('plain failure')),
  );
});

afterAll(async () => {
  Logger.overrideLogger(new ConsoleLogger());
  await ref.close();
});

beforeEach(() => warnings.splice(0));

function exchange(signal = new AbortController().signal): McpExchange {
  return {
    era: 'session',
    protocolVersion: '2025-11-25',
    requestId: 'r-9',
    method: 'tools/call',
    principal: { id: 'ada', kind: 'agent', scopes: [], roles: [] },
    clientKey: { kind: 'principal', value: 'agent:ada' },
    clientCapabilities: {},
    sessionId: 'session-1',
    meta: {},
    signal,
    logLevel: undefined,
    notify: () => undefined,
    input: () => Promise.reject(new Error('no input')),
    disconnect: () => undefined,
  };
}

const tool = (name: string): RegisteredTool => {
  const found = invoker.find(name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
};

describe('ToolInvoker.find', () => {
  it('returns the registered tool by name, nothing for unknown names or non-strings', () => {
    expect(invoker.find('plain')?.definition.name).toBe('plain');
    expect(invoker.find('plain')).toBe(registry.getTool('plain'));
    for (const name of ['missing', 42, undefined, null, { name: 'plain' }])
      expect(invoker.find(name)).toBeUndefined();
  });
});

describe('ToolInvoker.invoke', () => {
  it('normalises what the handler returns', async () => {
    expect(await invoker.invoke(tool('plain'), {}, exchange())).toEqual({
      content: [{ type: 'text', text: 'plain text' }],
    });
    expect(await invoker.invoke(tool('typed'), { n: 1 }, exchange())).toEqual({
      content: [{ type: 'text', text: '{"sum":2}' }],
      structuredContent: { sum: 2 },
    });
    expect(warnings).toEqual([]);
  });

  it('turns a handler failure into an isError result and one warn line naming the call', async () => {
    const result = await invoker.invoke(tool('crash'), {}, exchange());
    expect(result).toEqual({ content: [{ type: 'text', text: 'cannot read x' }], isError: true });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^\[req=r-9 session=session-…\] Tool crash failed \(request r-9, principal agent:ada, \d+\.\d ms\): TypeError: cannot read x$/,
    );
  });

  it('joins the messages of a Nest HttpException', async () => {
    const result = await invoker.invoke(tool('bad-request'), {}, exchange());
    expect(result).toEqual({
      content: [{ type: 'text', text: 'a must be set; b must be a date' }],
      isError: true,
    });
    expect(warnings).toHaveLength(1);
  });

  it('lets an McpError and an input-required signal through, without a warn line', async () => {
    const protocol = await invoker
      .invoke(tool('protocol'), {}, exchange())
      .catch((e: unknown) => e);
    expect(protocol).toBeInstanceOf(McpError);
    expect((protocol as McpError).toJSON()).toEqual({ code: -32602, message: 'order 7 is closed' });
    await expect(invoker.invoke(tool('asks'), {}, exchange())).rejects.toBeInstanceOf(
      InputRequiredSignal,
    );
    expect(warnings).toEqual([]);
  });

  it('logs nothing for the failure of a cancelled call', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the client'));
    const result = await invoker.invoke(tool('rejects-string'), {}, exchange(controller.signal));
    expect(result).toEqual({ content: [{ type: 'text', text: 'plain failure' }], isError: true });
    expect(warnings).toEqual([]);
  });
});

describe('ToolInvoker.resume', () => {
  it('validates the arguments again and runs the tool with the validated value', async () => {
    expect(await invoker.resume('typed', { n: '41' }, exchange())).toEqual({
      content: [{ type: 'text', text: '{"sum":42}' }],
      structuredContent: { sum: 42 },
    });
  });

  it('answers arguments that no longer validate with an isError result', async () => {
    const result = await invoker.resume('typed', { n: 'many' }, exchange());
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0].text).toMatch(
      /^Invalid arguments for tool typed: n: /,
    );
  });

  it('refuses a tool removed since the task began with -32602', async () => {
    const error = await invoker.resume('vanished', {}, exchange()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).toJSON()).toEqual({
      code: -32602,
      message: 'Unknown tool: vanished',
    });
  });
});

describe('invalidArguments', () => {
  it('names the tool and the reason in an isError result', () => {
    expect(invalidArguments(tool('plain'), 'n: too big')).toEqual({
      content: [{ type: 'text', text: 'Invalid arguments for tool plain: n: too big' }],
      isError: true,
    });
  });
});
