import { describe, expect, it } from 'vitest';
import { ANONYMOUS_PRINCIPAL } from '../security/principal.interface.js';
import type { LogLevel } from './log-level.js';
import { McpContext } from './mcp-context.js';
import type { InputMethod, McpExchange } from './mcp-exchange.interface.js';

interface Recorder {
  notifications: [string, Record<string, unknown>][];
  inputs: [InputMethod, Record<string, unknown>, string | undefined][];
  disconnects: number;
}

/** A fake exchange (the collaborator of McpContext) that records what the context sends. */
function exchange(
  overrides: {
    meta?: Record<string, unknown>;
    logLevel?: LogLevel;
    answer?: Record<string, unknown>;
  } = {},
): { ex: McpExchange; rec: Recorder } {
  const rec: Recorder = { notifications: [], inputs: [], disconnects: 0 };
  const ex: McpExchange = {
    era: 'stateless',
    protocolVersion: '2026-07-28',
    requestId: 'r-1',
    method: 'tools/call',
    principal: ANONYMOUS_PRINCIPAL,
    clientKey: { kind: 'anonymous', value: 'anon:127.0.0.1' },
    clientCapabilities: { elicitation: {} },
    sessionId: undefined,
    meta: overrides.meta ?? {},
    signal: new AbortController().signal,
    logLevel: overrides.logLevel,
    notify: (method, params) => void rec.notifications.push([method, params]),
    input: async (method, params, key) => {
      rec.inputs.push([method, params, key]);
      return overrides.answer ?? { action: 'accept' };
    },
    disconnect: () => void rec.disconnects++,
  };
  return { ex, rec };
}

describe('McpContext', () => {
  it('exposes the exchange identity', () => {
    const { ex } = exchange();
    const ctx = new McpContext(ex);
    expect(ctx.principal).toBe(ANONYMOUS_PRINCIPAL);
    expect(ctx.era).toBe('stateless');
    expect(ctx.protocolVersion).toBe('2026-07-28');
    expect(ctx.requestId).toBe('r-1');
    expect(ctx.sessionId).toBeUndefined();
    expect(ctx.signal).toBe(ex.signal);
    expect(ctx.clientCapabilities).toEqual({ elicitation: {} });
  });

  it('sends no progress when the request carried no progressToken', () => {
    const { ex, rec } = exchange();
    new McpContext(ex).progress(1, 10);
    expect(rec.notifications).toEqual([]);
  });

  it('sends progress with the token, optional total and message', () => {
    const { ex, rec } = exchange({ meta: { progressToken: 0 } });
    const ctx = new McpContext(ex);
    ctx.progress(1);
    ctx.progress(2, 10, 'halfway');
    expect(rec.notifications).toEqual([
      ['notifications/progress', { progressToken: 0, progress: 1 }],
      ['notifications/progress', { progressToken: 0, progress: 2, total: 10, message: 'halfway' }],
    ]);
  });

  it('drops progress values that do not increase', () => {
    const { ex, rec } = exchange({ meta: { progressToken: 'tok' } });
    const ctx = new McpContext(ex);
    for (const value of [1, 1, 0.5, 3, 2, 3, 4]) ctx.progress(value);
    expect(rec.notifications.map(([, p]) => p.progress)).toEqual([1, 3, 4]);
  });

  it('sends no logs when the client set no level', () => {
    const { ex, rec } = exchange();
    new McpContext(ex).log('emergency', 'down');
    expect(rec.notifications).toEqual([]);
  });

  it('sends logs at or above the threshold only, with the logger when given', () => {
    const { ex, rec } = exchange({ logLevel: 'warning' });
    const ctx = new McpContext(ex);
    ctx.log('debug', 'd');
    ctx.log('info', 'i');
    ctx.log('warning', { w: 1 });
    ctx.log('error', 'e', 'tutor');
    expect(rec.notifications).toEqual([
      ['notifications/message', { level: 'warning', data: { w: 1 } }],
      ['notifications/message', { level: 'error', data: 'e', logger: 'tutor' }],
    ]);
  });

  it('passes an explicit elicitation key and strips it from the params', async () => {
    const { ex, rec } = exchange({ answer: { action: 'accept', content: { tense: 'preterite' } } });
    const ctx = new McpContext(ex);
    const schema = { type: 'object', properties: { tense: { type: 'string' } } };
    const result = await ctx.elicit({
      message: 'Which tense?',
      requestedSchema: schema,
      key: 'tense',
    });
    expect(result).toEqual({ action: 'accept', content: { tense: 'preterite' } });
    expect(rec.inputs).toEqual([
      ['elicitation/create', { message: 'Which tense?', requestedSchema: schema }, 'tense'],
    ]);
  });

  it('forwards a URL-mode elicitation as is', async () => {
    const { ex, rec } = exchange();
    const request = {
      mode: 'url' as const,
      message: 'Sign in',
      url: 'https://example.com/auth',
      elicitationId: 'e1',
    };
    await new McpContext(ex).elicit(request);
    expect(rec.inputs[0]).toEqual(['elicitation/create', request, 'elicitation_1']);
  });

  it('numbers default keys by order of asking, so retries find the same answers', async () => {
    const keys = async () => {
      const { ex, rec } = exchange({ answer: { roots: [] } });
      const ctx = new McpContext(ex);
      await ctx.elicit({ message: 'a', requestedSchema: {} });
      await ctx.sample({ messages: [], maxTokens: 5 });
      await ctx.roots();
      await ctx.sample({ messages: [], maxTokens: 5, key: 'hint' });
      return rec.inputs.map(([method, , key]) => `${method}=${key}`);
    };
    const first = await keys();
    expect(first).toEqual([
      'elicitation/create=elicitation_1',
      'sampling/createMessage=sampling_2',
      'roots/list=roots_3',
      'sampling/createMessage=hint',
    ]);
    expect(await keys()).toEqual(first);
  });

  it('strips the key from sampling params and returns the client answer', async () => {
    const answer = { role: 'assistant', content: { type: 'text', text: 'fui' } };
    const { ex, rec } = exchange({ answer });
    expect(await new McpContext(ex).sample({ messages: [], maxTokens: 5, key: 'k' })).toBe(answer);
    expect(rec.inputs[0]).toEqual(['sampling/createMessage', { messages: [], maxTokens: 5 }, 'k']);
  });

  it('returns the roots, or none when the answer carries none', async () => {
    const roots = [{ uri: 'file:///home/ana', name: 'home' }];
    const withRoots = exchange({ answer: { roots } });
    expect(await new McpContext(withRoots.ex).roots('r')).toEqual(roots);
    expect(withRoots.rec.inputs[0]).toEqual(['roots/list', {}, 'r']);
    expect(await new McpContext(exchange({ answer: {} }).ex).roots()).toEqual([]);
  });

  it('closes the stream through the exchange', () => {
    const { ex, rec } = exchange();
    new McpContext(ex).closeStream();
    expect(rec.disconnects).toBe(1);
  });
});
