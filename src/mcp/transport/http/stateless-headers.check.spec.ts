import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { McpError } from '../../protocol/mcp.error.js';
import { checkStandardHeaders, decodeHeaderValue } from './stateless-headers.check.js';

function mismatchOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32020);
    expect((error as McpError).httpStatus).toBe(400);
    return (error as McpError).message;
  }
  throw new Error('expected a header mismatch');
}

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const call = (method: string, params?: Record<string, unknown>): JsonRpcRequest => ({
  jsonrpc: '2.0',
  id: 1,
  method,
  ...(params ? { params } : {}),
});

describe('decodeHeaderValue', () => {
  it('decodes the base64 sentinel form', () => {
    expect(decodeHeaderValue('=?base64?SGVsbG8=?=')).toBe('Hello');
    expect(decodeHeaderValue('=?base64?w7FhbmTDug==?=')).toBe('ñandú');
    expect(decodeHeaderValue('=?base64??=')).toBe('');
  });

  it.each([
    ['missing padding', '=?base64?SGVsbG8?='],
    ['characters outside the alphabet', '=?base64?SGVs!!!bG8=?='],
    ['non-canonical trailing bits', '=?base64?SGVsbG9=?='],
    ['base64url characters', '=?base64?_-8=?='],
  ])('refuses %s with -32020', (_label, value) => {
    expect(mismatchOf(() => decodeHeaderValue(value))).toBe(
      'Header mismatch: malformed base64 header value',
    );
  });

  it('takes other values literally', () => {
    expect(decodeHeaderValue('SGVsbG8=')).toBe('SGVsbG8=');
    expect(decodeHeaderValue('=?base64?SGVsbG8=')).toBe('=?base64?SGVsbG8=');
    expect(decodeHeaderValue('tutor://verbs/ir')).toBe('tutor://verbs/ir');
  });

  it('trims optional whitespace around the value', () => {
    expect(decodeHeaderValue(' \t=?base64?SGVsbG8=?= ')).toBe('Hello');
    expect(decodeHeaderValue('  conjugate\t')).toBe('conjugate');
  });
});

describe('checkStandardHeaders', () => {
  it('accepts Mcp-Method alone for methods without a name', () => {
    expect(() =>
      checkStandardHeaders(req({ 'mcp-method': 'tools/list' }), call('tools/list')),
    ).not.toThrow();
    expect(() =>
      checkStandardHeaders(req({ 'mcp-method': ' server/discover ' }), call('server/discover')),
    ).not.toThrow();
  });

  it('requires Mcp-Method and its equality with the body', () => {
    expect(mismatchOf(() => checkStandardHeaders(req({}), call('tools/list')))).toBe(
      'Header mismatch: Mcp-Method header is required',
    );
    expect(
      mismatchOf(() =>
        checkStandardHeaders(req({ 'mcp-method': 'tools/call' }), call('tools/list')),
      ),
    ).toBe('Header mismatch: Mcp-Method "tools/call" does not match body method "tools/list"');
    expect(
      mismatchOf(() =>
        checkStandardHeaders(req({ 'mcp-method': 'Tools/List' }), call('tools/list')),
      ),
    ).toContain('does not match');
  });

  it('requires Mcp-Name equal to the tool or prompt name', () => {
    const params = { name: 'conjugate', arguments: {} };
    expect(() =>
      checkStandardHeaders(
        req({ 'mcp-method': 'tools/call', 'mcp-name': 'conjugate' }),
        call('tools/call', params),
      ),
    ).not.toThrow();
    expect(
      mismatchOf(() =>
        checkStandardHeaders(req({ 'mcp-method': 'tools/call' }), call('tools/call', params)),
      ),
    ).toBe('Header mismatch: Mcp-Name header is required');
    expect(
      mismatchOf(() =>
        checkStandardHeaders(
          req({ 'mcp-method': 'prompts/get', 'mcp-name': 'other' }),
          call('prompts/get', { name: 'drill' }),
        ),
      ),
    ).toBe('Header mismatch: Mcp-Name "other" does not match body value "drill"');
  });

  it('compares a base64 Mcp-Name after decoding it', () => {
    const headers = { 'mcp-method': 'tools/call', 'mcp-name': '=?base64?w7FhbmTDug==?=' };
    expect(() =>
      checkStandardHeaders(req(headers), call('tools/call', { name: 'ñandú' })),
    ).not.toThrow();
    expect(() => checkStandardHeaders(req(headers), call('tools/call', { name: 'nandu' }))).toThrow(
      McpError,
    );
  });

  it('uses the uri for resources/read and the taskId for task methods', () => {
    const read = call('resources/read', { uri: 'tutor://verbs/ir' });
    expect(() =>
      checkStandardHeaders(
        req({ 'mcp-method': 'resources/read', 'mcp-name': 'tutor://verbs/ir' }),
        read,
      ),
    ).not.toThrow();
    expect(() =>
      checkStandardHeaders(
        req({ 'mcp-method': 'resources/read', 'mcp-name': 'tutor://verbs/ser' }),
        read,
      ),
    ).toThrow(McpError);
    const task = call('tasks/get', { taskId: 't-42' });
    expect(() =>
      checkStandardHeaders(req({ 'mcp-method': 'tasks/get', 'mcp-name': 't-42' }), task),
    ).not.toThrow();
    expect(
      mismatchOf(() => checkStandardHeaders(req({ 'mcp-method': 'tasks/get' }), task)),
    ).toContain('Mcp-Name');
  });

  it('refuses a malformed base64 Mcp-Name', () => {
    const headers = { 'mcp-method': 'tools/call', 'mcp-name': '=?base64?SGVsbG8?=' };
    expect(
      mismatchOf(() => checkStandardHeaders(req(headers), call('tools/call', { name: 'Hello' }))),
    ).toBe('Header mismatch: malformed base64 header value');
  });
});
