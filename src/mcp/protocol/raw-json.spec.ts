import { describe, expect, it } from 'vitest';
import { RawJson, stringifyMessage } from './raw-json.js';

describe('stringifyMessage', () => {
  it('splices raw fields and gives the same JSON as serialising the parsed value', () => {
    const tools = [{ name: 'a', inputSchema: { type: 'object' } }, { name: 'b\u2028' }];
    const message = {
      jsonrpc: '2.0',
      id: 7,
      result: { tools: new RawJson(JSON.stringify(tools)), nextCursor: 'x', skipped: undefined },
    };
    const text = stringifyMessage(message);
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', id: 7, result: { tools, nextCursor: 'x' } });
    expect(text).toBe(JSON.stringify(message));
  });

  it('serialises messages without raw fields as JSON.stringify does', () => {
    const message = {
      jsonrpc: '2.0',
      id: 'q',
      result: { content: [{ type: 'text', text: 'ok' }] },
    };
    expect(stringifyMessage(message)).toBe(JSON.stringify(message));
    const error = { jsonrpc: '2.0', id: null, error: { code: -1, message: 'no' } };
    expect(stringifyMessage(error)).toBe(JSON.stringify(error));
  });
});
