import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Args } from '../../decorators/args.decorator.js';
import { McpCtx } from '../../decorators/mcp-ctx.decorator.js';
import { PublicTool } from '../../decorators/public-tool.decorator.js';
import { Tool } from '../../decorators/tool.decorator.js';
import { McpContext } from '../../context/mcp-context.js';
import { McpModule } from '../../mcp.module.js';
import { McpRegistry } from '../../registry/mcp.registry.js';
import { bootstrapStdio, type StdioApplication } from './bootstrap-stdio.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire messages, checked by the tests
type Message = Record<string, any>;

const STATELESS_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** What the tools below observed, so tests can assert on the server side too. */
const seen = { cancelled: [] as unknown[] };

/** Holds the `hold` tool's calls until a test opens it. */
let openHold!: () => void;
const held = new Promise<void>((resolve) => (openHold = resolve));

@PublicTool()
@Injectable()
class SpecTools {
  @Tool({
    name: 'echo',
    description: 'Echoes text',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
  })
  echo(@Args() args: { text: string }): string {
    return `echo: ${args.text}`;
  }

  @Tool({
    name: 'wait_for_cancel',
    description: 'Runs until cancelled (or 5 s)',
    inputSchema: { type: 'object' },
  })
  async waitForCancel(@McpCtx() ctx: McpContext): Promise<string> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        seen.cancelled.push(ctx.signal.reason);
        resolve();
      });
    });
    return ctx.signal.aborted ? 'cancelled' : 'finished';
  }

  @Tool({
    name: 'hold',
    description: 'Waits until the spec lets it go',
    inputSchema: { type: 'object' },
  })
  async hold(): Promise<string> {
    await held;
    return 'let go';
  }

  @Tool({
    name: 'ask_name',
    description: 'Asks the user for a name',
    inputSchema: { type: 'object' },
  })
  async askName(@McpCtx() ctx: McpContext): Promise<string> {
    const answer = await ctx.elicit({
      message: 'Your name?',
      requestedSchema: {
        type: 'object',
        properties: { name: { type: 'string' } },
        required: ['name'],
      },
    });
    return `hello ${String(answer.content?.name)} (${answer.action})`;
  }
}

@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'stdio-spec', version: '1.0.0' } })],
  providers: [SpecTools],
})
class SpecModule {}

/** A test client on the other end of a pair of PassThrough streams, speaking ndjson. */
class Peer {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  readonly received: Message[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];

  constructor() {
    this.output.setEncoding('utf8');
    this.output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        this.received.push(JSON.parse(this.buffer.slice(0, newline)) as Message);
        this.buffer = this.buffer.slice(newline + 1);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(message: Message | string): void {
    this.input.write(typeof message === 'string' ? message : `${JSON.stringify(message)}\n`);
  }

  /** The first received message matching `match` (waits up to 3 s). */
  async next(match: (message: Message) => boolean): Promise<Message> {
    const deadline = Date.now() + 3_000;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching message; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  reply(id: number | string): Promise<Message> {
    return this.next((m) => m.id === id && ('result' in m || 'error' in m));
  }

  async initialize(capabilities: Message = {}): Promise<Message> {
    this.send({
      jsonrpc: '2.0',
      id: 'init',
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities,
        clientInfo: { name: 'spec', version: '1' },
      },
    });
    const response = await this.reply('init');
    this.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return response;
  }
}

describe('StdioServer (through bootstrapStdio, real McpModule)', () => {
  let running: StdioApplication | undefined;
  let peer: Peer;

  async function start(): Promise<Peer> {
    peer = new Peer();
    running = await bootstrapStdio(SpecModule, {
      input: peer.input,
      output: peer.output,
      logger: false,
      shutdownGraceMs: 1_000,
    });
    return peer;
  }

  afterEach(async () => {
    if (!peer.input.writableEnded) peer.input.end();
    await running?.closed;
    running = undefined;
  });

  it('session era: initialize, then a tool call answered with the same id', async () => {
    await start();
    const init = await peer.initialize();
    expect(init.result).toMatchObject({
      protocolVersion: '2025-06-18',
      serverInfo: { name: 'stdio-spec' },
    });
    peer.send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'hi' } },
    });
    expect((await peer.reply(2)).result).toMatchObject({
      content: [{ type: 'text', text: 'echo: hi' }],
    });
  });

  it('never caps the calls the local user has in flight (an agent may hold 8)', async () => {
    await start();
    await peer.initialize();
    const ids = Array.from({ length: 12 }, (_, i) => 100 + i);
    for (const id of ids)
      peer.send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'hold' } });
    // Let every call reach its handler before any finishes.
    peer.send({ jsonrpc: '2.0', id: 99, method: 'ping' });
    await peer.reply(99);
    openHold();
    for (const id of ids)
      expect((await peer.reply(id)).result, `call ${id}`).toEqual({
        content: [{ type: 'text', text: 'let go' }],
      });
  });

  it('refuses requests before initialize (ping excepted) and a second initialize', async () => {
    await start();
    peer.send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    peer.send({ jsonrpc: '2.0', id: 2, method: 'ping' });
    expect((await peer.reply(1)).error).toMatchObject({ code: -32600 });
    expect((await peer.reply(2)).result).toEqual({});
    await peer.initialize();
    peer.send({
      jsonrpc: '2.0',
      id: 3,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {} },
    });
    expect((await peer.reply(3)).error).toMatchObject({ code: -32600 });
  });

  it('routes the elicitation/create answer back to the waiting tool', async () => {
    await start();
    await peer.initialize({ elicitation: {} });
    peer.send({
      jsonrpc: '2.0',
      id: 5,
      method: 'tools/call',
      params: { name: 'ask_name', arguments: {} },
    });
    const ask = await peer.next((m) => m.method === 'elicitation/create');
    expect(ask.id).toBeDefined();
    expect(ask.params).toMatchObject({ message: 'Your name?' });
    // A reply to an id nobody waits for is ignored, not mistaken for this one.
    peer.send({
      jsonrpc: '2.0',
      id: 'nobody',
      result: { action: 'accept', content: { name: 'Mallory' } },
    });
    peer.send({
      jsonrpc: '2.0',
      id: ask.id,
      result: { action: 'accept', content: { name: 'Ada' } },
    });
    expect((await peer.reply(5)).result).toMatchObject({
      content: [{ type: 'text', text: 'hello Ada (accept)' }],
    });
  });

  it('does not send elicitation to a client that did not declare the capability', async () => {
    await start();
    await peer.initialize({});
    peer.send({
      jsonrpc: '2.0',
      id: 6,
      method: 'tools/call',
      params: { name: 'ask_name', arguments: {} },
    });
    const reply = await peer.reply(6);
    expect(peer.received.some((m) => m.method === 'elicitation/create')).toBe(false);
    expect(reply.error ?? reply.result?.isError).toBeTruthy();
  });

  it('notifications/cancelled aborts the running request, which then gets no response', async () => {
    seen.cancelled.length = 0;
    await start();
    await peer.initialize();
    peer.send({
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'wait_for_cancel', arguments: {} },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    peer.send({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 7, reason: 'user gave up' },
    });
    peer.send({ jsonrpc: '2.0', id: 8, method: 'ping' });
    await peer.reply(8);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.cancelled).toEqual(['user gave up']);
    peer.input.end();
    await running!.closed;
    expect(peer.received.filter((m) => m.id === 7)).toEqual([]);
  });

  it('EOF while a tool waits for the client: the wait fails at once and the call is still answered', async () => {
    await start();
    await peer.initialize({ elicitation: {} });
    peer.send({
      jsonrpc: '2.0',
      id: 9,
      method: 'tools/call',
      params: { name: 'ask_name', arguments: {} },
    });
    await peer.next((m) => m.method === 'elicitation/create');
    const started = Date.now();
    peer.input.end();
    await running!.closed;
    expect(Date.now() - started).toBeLessThan(1_000);
    const reply = await peer.reply(9);
    expect(reply.error ?? reply.result?.isError).toBeTruthy();
  });

  it('stateless era: server/discover and an enveloped tools/call, no initialize', async () => {
    await start();
    peer.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'server/discover',
      params: { _meta: STATELESS_META },
    });
    expect((await peer.reply(1)).result).toMatchObject({
      resultType: 'complete',
      supportedVersions: ['2026-07-28'],
    });
    peer.send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { _meta: STATELESS_META, name: 'echo', arguments: { text: 'x' } },
    });
    const call = await peer.reply(2);
    expect(call.result).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'echo: x' }],
    });
    expect(call.result._meta['io.modelcontextprotocol/serverInfo']).toEqual({
      name: 'stdio-spec',
      version: '1.0.0',
    });
  });

  it('stateless era: envelope errors carry the request id', async () => {
    await start();
    const noCaps = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' };
    peer.send({ jsonrpc: '2.0', id: 'a', method: 'tools/list', params: { _meta: noCaps } });
    const future = { ...STATELESS_META, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' };
    peer.send({ jsonrpc: '2.0', id: 'b', method: 'tools/list', params: { _meta: future } });
    peer.send({ jsonrpc: '2.0', id: 'c', method: 'server/discover', params: {} });
    expect((await peer.reply('a')).error).toMatchObject({ code: -32602 });
    expect((await peer.reply('b')).error).toMatchObject({
      code: -32022,
      data: { supported: ['2026-07-28'] },
    });
    expect((await peer.reply('c')).error).toMatchObject({ code: -32602 });
  });

  it('answers broken input with JSON-RPC errors and keeps going', async () => {
    await start();
    peer.send('{"jsonrpc":"2.0","id":1,"method":\n');
    peer.send('{"jsonrpc":"1.0","id":2,"method":"ping"}\n');
    peer.send('[{"jsonrpc":"2.0","id":3,"method":"ping"}]\n');
    peer.send('{"jsonrpc":"2.0","id":4,"method":"ping","params":[1]}\n');
    peer.send({ jsonrpc: '2.0', id: 5, method: 'ping' });
    expect((await peer.reply(5)).result).toEqual({});
    const errors = peer.received.filter((m) => 'error' in m);
    expect(errors.map((m): unknown[] => [m.id, m.error.code])).toEqual([
      [null, -32700],
      [2, -32600],
      [null, -32600],
      [4, -32602],
    ]);
  });

  it('sends list_changed once the client is initialized, not before', async () => {
    await start();
    const registry = running!.app.get(McpRegistry);
    registry.registerTool({ name: 'early', inputSchema: { type: 'object' } }, () => 'x', {
      public: true,
    });
    await peer.initialize();
    registry.registerTool({ name: 'late', inputSchema: { type: 'object' } }, () => 'x', {
      public: true,
    });
    await peer.next((m) => m.method === 'notifications/tools/list_changed');
    expect(
      peer.received.filter((m) => m.method === 'notifications/tools/list_changed'),
    ).toHaveLength(1);
  });

  it('shutdown() stops reading and waits no longer than the grace period', async () => {
    await start();
    await peer.initialize();
    peer.send({
      jsonrpc: '2.0',
      id: 11,
      method: 'tools/call',
      params: { name: 'wait_for_cancel', arguments: {} },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await running!.shutdown();
    // The 1 s grace period elapsed with the 5 s tool still running: abandoned, not awaited.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(3_000);
    peer.send({ jsonrpc: '2.0', id: 12, method: 'ping' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(peer.received.some((m) => m.id === 12)).toBe(false);
  });
});
