import { createParser, type EventSourceMessage } from 'eventsource-parser';
import fc from 'fast-check';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SseConnection } from '../../src/mcp/transport/http/sse.connection.js';
import { check } from './fuzz-runs.js';

/** Just enough of a ServerResponse to capture what the SSE writer writes. */
function capture(): { res: ServerResponse; text: () => string } {
  const chunks: string[] = [];
  const res = Object.assign(new EventEmitter(), {
    writableLength: 0,
    writeHead: () => res,
    flushHeaders: () => undefined,
    write: (chunk: string) => chunks.push(chunk) > 0,
    end: () => undefined,
    destroy: () => undefined,
  });
  return { res: res as unknown as ServerResponse, text: () => chunks.join('') };
}

const OPTIONS = {
  heartbeatMs: 60_000,
  retryMs: 1000,
  maxBufferedBytes: 1 << 30,
  maxLifetimeMs: 60_000,
};
// Line breaks of every kind, NUL and other controls, lone surrogates, SSE field names.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '\n',
    '\r',
    '\r\n',
    '\n\ndata: x\n\n',
    'event: evil',
    'id: 9',
    '\u2028',
    '\u0000',
  ),
);

describe('fuzz: the SSE writer against eventsource-parser', () => {
  it('any string in a tool output, log or progress message comes back identical; no event is injected', () =>
    check(
      'SseConnection.send → eventsource-parser',
      fc.property(fc.array(nasty, { minLength: 1, maxLength: 5 }), fc.string(), (texts, id) => {
        const { res, text } = capture();
        const connection = new SseConnection(res, OPTIONS);
        connection.open({}, 'p.0');
        const messages = texts.map((t, i) => ({
          jsonrpc: '2.0' as const,
          method: 'notifications/message',
          params: { level: 'info', data: t, progressToken: id, n: i },
        }));
        messages.forEach((m, i) => connection.send(m, `s.${i + 1}`));
        connection.close();
        const events: EventSourceMessage[] = [];
        const parser = createParser({ onEvent: (e) => events.push(e) });
        parser.feed(text());
        const data = events.filter((e) => e.data !== '');
        expect(data.map((e) => JSON.parse(e.data) as unknown)).toEqual(messages);
        expect(data.map((e) => e.id)).toEqual(messages.map((_, i) => `s.${i + 1}`));
        expect(data.every((e) => e.event === 'message')).toBe(true);
      }),
    ));
});
