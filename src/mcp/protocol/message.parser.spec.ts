import { describe, expect, it } from 'vitest';
import { McpError } from './mcp.error.js';
import { isValidId, parseJsonBytes, toJsonRpcMessage } from './message.parser.js';

function errorOf(fn: () => unknown): McpError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(McpError);
    return error as McpError;
  }
  throw new Error('expected an McpError');
}

const parse = (text: string) => toJsonRpcMessage(parseJsonBytes(Buffer.from(text, 'utf8')));
const reasonOf = (fn: () => unknown) =>
  (errorOf(fn).data as { reason?: string } | undefined)?.reason;
const request = (extra: string) =>
  `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":${extra}}`;

describe('parseJsonBytes', () => {
  it('decodes strict UTF-8 JSON, multi-byte characters included', () => {
    expect(parseJsonBytes(Buffer.from('{"verb":"añadir"}', 'utf8'))).toEqual({ verb: 'añadir' });
    expect(parseJsonBytes('{"a":1}')).toEqual({ a: 1 });
  });

  it.each([
    ['the overlong NUL C0 80', [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0x80, 0x22, 0x7d]],
    ['a CESU-8 surrogate ED A0 80', [0x22, 0xed, 0xa0, 0x80, 0x22]],
    ['a truncated sequence', [0x22, 0xe2, 0x82, 0x22]],
  ])('refuses %s as invalid UTF-8 with -32700', (_label, bytes) => {
    const error = errorOf(() => parseJsonBytes(Buffer.from(bytes)));
    expect(error.code).toBe(-32700);
    expect(error.httpStatus).toBe(400);
    expect(error.data).toEqual({ reason: 'invalid UTF-8' });
  });

  it('refuses a byte order mark in bytes and in text with -32700', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]);
    expect(errorOf(() => parseJsonBytes(bom)).data).toEqual({ reason: 'byte order mark' });
    expect(errorOf(() => parseJsonBytes('\ufeff{}')).code).toBe(-32700);
  });

  it.each(['', '{', '{"a":1,}', "{'a':1}", '{} trailing', 'NaN'])(
    'refuses bad JSON %j with -32700',
    (text) => {
      const error = errorOf(() => parseJsonBytes(Buffer.from(text)));
      expect(error.code).toBe(-32700);
      expect(error.message).toBe('Parse error');
    },
  );
});

describe('toJsonRpcMessage classification', () => {
  it('classifies a request, a notification and both response forms', () => {
    expect(parse('{"jsonrpc":"2.0","id":7,"method":"ping"}')).toEqual({
      kind: 'request',
      message: { jsonrpc: '2.0', id: 7, method: 'ping' },
    });
    expect(parse('{"jsonrpc":"2.0","method":"notifications/initialized"}').kind).toBe(
      'notification',
    );
    expect(parse('{"jsonrpc":"2.0","id":"s1","result":{}}').kind).toBe('response');
    expect(parse('{"jsonrpc":"2.0","id":"s1","error":{"code":-1,"message":"no"}}').kind).toBe(
      'response',
    );
  });

  it('keeps the parsed object itself as the message', () => {
    const value = { jsonrpc: '2.0', id: 'a', method: 'tools/list', params: { cursor: 'x' } };
    expect(toJsonRpcMessage(value).message).toBe(value);
  });

  it('refuses batches, empty ones included', () => {
    expect(reasonOf(() => parse('[{"jsonrpc":"2.0","id":1,"method":"ping"}]'))).toBe(
      'batch requests are not supported',
    );
    expect(errorOf(() => parse('[]')).code).toBe(-32600);
  });

  it.each(['1', '"ping"', 'null', 'true'])('refuses the non-object %s with -32600', (text) => {
    const error = errorOf(() => parse(text));
    expect(error.code).toBe(-32600);
    expect(error.message).toBe('Invalid Request');
    expect(error.httpStatus).toBe(400);
  });

  // The transport echoes a valid id at the top level of the error response; data carries the reason only.
  it('refuses a wrong or missing jsonrpc version', () => {
    const error = errorOf(() => parse('{"jsonrpc":"1.0","id":9,"method":"ping"}'));
    expect(error.code).toBe(-32600);
    expect(error.data).toEqual({ reason: 'jsonrpc must be "2.0"' });
    expect(errorOf(() => parse('{"id":9,"method":"ping"}')).code).toBe(-32600);
  });

  it('refuses a message that is neither request, notification nor response', () => {
    const error = errorOf(() => parse('{"jsonrpc":"2.0","id":"x"}'));
    expect(error.data).toEqual({ reason: 'neither a request, a notification nor a response' });
    expect(errorOf(() => parse('{"jsonrpc":"2.0","result":{}}')).code).toBe(-32600);
    expect(errorOf(() => parse('{"jsonrpc":"2.0","id":1,"method":5}')).code).toBe(-32600);
  });
});

describe('toJsonRpcMessage ids', () => {
  it.each([
    ['an object', '{}'],
    ['null on a request', 'null'],
    ['an integer beyond 2^53', '9007199254740993'],
    ['a fraction', '1.5'],
    ['a boolean', 'true'],
    ['a 10 KB string', JSON.stringify('x'.repeat(10 * 1024))],
  ])('refuses %s with -32600', (_label, id) => {
    const error = errorOf(() => parse(`{"jsonrpc":"2.0","id":${id},"method":"ping"}`));
    expect(error.code).toBe(-32600);
    expect(error.data).toEqual({ reason: 'id must be a string or a safe integer' });
  });

  it('refuses a null id on a response too', () => {
    expect(errorOf(() => parse('{"jsonrpc":"2.0","id":null,"result":{}}')).code).toBe(-32600);
  });

  it('accepts zero, negative, maximal safe and 256-character ids', () => {
    for (const id of [0, -1, Number.MAX_SAFE_INTEGER, 'i'.repeat(256), '']) {
      expect(parse(JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' })).message).toMatchObject({
        id,
      });
    }
    expect(isValidId('i'.repeat(257))).toBe(false);
  });
});

describe('toJsonRpcMessage params', () => {
  it.each(['[]', '[1,2]', 'null', '"x"', '3'])('refuses params %s with -32602', (params) => {
    const error = errorOf(() => parse(request(params)));
    expect(error.code).toBe(-32602);
    expect(error.message).toBe('params must be an object');
    expect(error.httpStatus).toBe(400);
  });

  it('applies the same rule to notifications', () => {
    expect(
      errorOf(() => parse('{"jsonrpc":"2.0","method":"notifications/cancelled","params":[]}')).code,
    ).toBe(-32602);
  });

  it('accepts absent and object params', () => {
    expect(parse('{"jsonrpc":"2.0","id":1,"method":"ping"}').kind).toBe('request');
    expect(parse(request('{}')).kind).toBe('request');
  });
});

describe('toJsonRpcMessage structural limits', () => {
  it.each([10_000, 100_000])(
    'refuses arrays nested %i deep as -32600 without a RangeError',
    (depth) => {
      const text = request(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      expect(reasonOf(() => parse(text))).toBe('nesting too deep');
    },
  );

  it.each([10_000, 100_000])(
    'refuses objects nested %i deep as -32600 without a RangeError',
    (depth) => {
      const text = request(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
      const error = errorOf(() => parse(text));
      expect(error.code).toBe(-32600);
      expect((error.data as { reason: string }).reason).toBe('nesting too deep');
    },
  );

  it('refuses 200,000 keys', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `"k${i}":0`).join(',');
    expect(reasonOf(() => parse(request(`{${keys}}`)))).toBe('too many values'); // the pre-scan refuses it before JSON.parse;
  });

  it('refuses __proto__ and constructor keys without polluting prototypes', () => {
    expect(reasonOf(() => parse(request('{"__proto__":{"polluted":true}}')))).toBe(
      'forbidden key "__proto__"',
    );
    expect(reasonOf(() => parse(request('{"arguments":{"constructor":{"prototype":{}}}}')))).toBe(
      'forbidden key "constructor"',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a request at the default limits', () => {
    const depth63 = `${'['.repeat(62)}${']'.repeat(62)}`;
    expect(parse(request(`{"a":${depth63}}`)).kind).toBe('request');
  });
});
