import { describe, expect, it } from 'vitest';
import { ErrorCode, McpError, McpRequestError } from '../../protocol/mcp.error.js';
import { httpStatusOf } from './http-status.table.js';

describe('httpStatusOf: protocol error × era → HTTP status', () => {
  it.each([
    ['unknown method', new McpError(ErrorCode.MethodNotFound, 'x'), 200, 404],
    ['malformed request', new McpRequestError(ErrorCode.InvalidParams, 'x'), 200, 400],
    ['missing capability', new McpRequestError(ErrorCode.MissingCapability, 'x'), 200, 400],
    ['header mismatch', new McpError(ErrorCode.HeaderMismatch, 'x'), 200, 400],
    ['unsupported version', new McpError(ErrorCode.UnsupportedVersion, 'x'), 200, 400],
    ['an unknown tool (an operation error)', new McpError(ErrorCode.InvalidParams, 'x'), 200, 200],
    [
      'an edge refusal keeps its own',
      new McpError(ErrorCode.Unauthorized, 'x', undefined, 401),
      401,
      401,
    ],
    ['a store that is down', new McpError(ErrorCode.Unavailable, 'x', undefined, 503), 503, 503],
  ])('%s', (_name, error, session, stateless) => {
    expect(httpStatusOf(error, 'session')).toBe(session);
    expect(httpStatusOf(error, 'stateless')).toBe(stateless);
  });

  it('an unexpected failure (no protocol error) travels on 200 as -32603 in both eras', () => {
    expect(httpStatusOf(undefined, 'session')).toBe(200);
    expect(httpStatusOf(undefined, 'stateless')).toBe(200);
  });
});
