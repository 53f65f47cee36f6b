import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { ANONYMOUS_PRINCIPAL, type McpPrincipal } from '../security/principal.interface.js';
import {
  describeOperation,
  errorOutcome,
  resultOutcome,
  type McpOperationInfo,
} from './mcp-operation.js';

const agent: McpPrincipal = { id: 'ci-bot', kind: 'agent', scopes: [], roles: [] };
const live = new AbortController().signal;
const known = (_kind: 'tool' | 'prompt', name: string): boolean =>
  name === 'find_order' || name === 'greet';
const http = {
  httpVersion: '1.1',
  headers: {},
  socket: { remoteAddress: '127.0.0.1', remotePort: 50123 },
} as unknown as IncomingMessage;

function info(
  method: string,
  params: Record<string, unknown>,
  extra: Partial<McpOperationInfo> = {},
): McpOperationInfo {
  return {
    message: { jsonrpc: '2.0', id: 7, method, params },
    principal: ANONYMOUS_PRINCIPAL,
    signal: live,
    ...extra,
  };
}

describe('describeOperation', () => {
  it("names a tools/call span after its registered tool and sets the conventions' attributes", () => {
    const d = describeOperation(
      info(
        'tools/call',
        { name: 'find_order' },
        { protocolVersion: '2025-11-25', sessionId: 's1', http },
      ),
      known,
      false,
    );
    expect(d.name).toBe('tools/call find_order');
    expect(d.spanAttributes).toEqual({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'find_order',
      'gen_ai.operation.name': 'execute_tool',
      'jsonrpc.request.id': '7',
      'mcp.session.id': 's1',
      'mcp.protocol.version': '2025-11-25',
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'network.protocol.version': '1.1',
      'client.address': '127.0.0.1',
      'client.port': 50123,
    });
    // Metrics carry no per-request values (ids, addresses).
    expect(d.metricAttributes).toEqual({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'find_order',
      'gen_ai.operation.name': 'execute_tool',
      'mcp.protocol.version': '2025-11-25',
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'network.protocol.version': '1.1',
    });
  });

  it('keeps unknown tool names and resource URIs out of span names and metrics', () => {
    const unknown = describeOperation(info('tools/call', { name: 'x'.repeat(40) }), known, false);
    expect(unknown.name).toBe('tools/call');
    expect(unknown.spanAttributes['gen_ai.tool.name']).toBe('x'.repeat(40));
    expect(unknown.metricAttributes['gen_ai.tool.name']).toBeUndefined();
    const read = describeOperation(info('resources/read', { uri: 'file:///a.txt' }), known, false);
    expect(read.name).toBe('resources/read');
    expect(read.spanAttributes['mcp.resource.uri']).toBe('file:///a.txt');
    expect(read.metricAttributes['mcp.resource.uri']).toBeUndefined();
    const prompt = describeOperation(info('prompts/get', { name: 'greet' }), known, false);
    expect(prompt.name).toBe('prompts/get greet');
    expect(prompt.metricAttributes['gen_ai.prompt.name']).toBe('greet');
  });

  it('stdio is a pipe; enduser.id only when opted in and never for anonymous callers', () => {
    const stdio = describeOperation(info('tools/list', {}, { principal: agent }), known, true);
    expect(stdio.spanAttributes['network.transport']).toBe('pipe');
    expect(stdio.spanAttributes['network.protocol.name']).toBeUndefined();
    expect(stdio.spanAttributes['enduser.id']).toBe('ci-bot');
    expect(
      describeOperation(info('tools/list', {}, { principal: agent }), known, false).spanAttributes[
        'enduser.id'
      ],
    ).toBeUndefined();
    expect(
      describeOperation(info('tools/list', {}), known, true).spanAttributes['enduser.id'],
    ).toBeUndefined();
  });
});

describe('outcomes', () => {
  it('isError is tool_error; input-required is not an error; a cancelled call is cancelled', () => {
    expect(
      resultOutcome({ isError: true, content: [{ type: 'text', text: 'boom' }] }, live),
    ).toEqual({
      label: 'tool_error',
      errorType: 'tool_error',
      message: 'boom',
    });
    expect(resultOutcome({ resultType: 'input_required' }, live)).toEqual({
      label: 'input_required',
    });
    expect(resultOutcome({ content: [] }, live)).toEqual({ label: 'ok' });
    const aborted = new AbortController();
    aborted.abort();
    expect(resultOutcome({ isError: true }, aborted.signal).errorType).toBe('cancelled');
  });

  it('an McpError is its JSON-RPC code; anything else is -32603 with the exception kept for the span', () => {
    expect(errorOutcome(new McpError(ErrorCode.InvalidParams, 'Unknown tool: x'), live)).toEqual({
      label: '-32602',
      errorType: '-32602',
      statusCode: '-32602',
      message: 'Unknown tool: x',
    });
    const bug = new TypeError('x is undefined');
    expect(errorOutcome(bug, live)).toMatchObject({
      errorType: '-32603',
      exception: bug,
      message: 'Internal error',
    });
  });
});
