import { describe, expect, it } from 'vitest';
import { McpError } from '../../protocol/mcp.error.js';
import { httpStatusOf } from '../../transport/http/http-status.table.js';
import { readEnvelope } from './stateless-envelope.js';

const VERSION = 'io.modelcontextprotocol/protocolVersion';
const CAPS = 'io.modelcontextprotocol/clientCapabilities';
const LEVEL = 'io.modelcontextprotocol/logLevel';

function refusal(params: Record<string, unknown> | undefined, header?: string): McpError {
  try {
    readEnvelope(params, header);
  } catch (error) {
    expect(error).toBeInstanceOf(McpError);
    return error as McpError;
  }
  throw new Error('expected the envelope to be refused');
}

describe('readEnvelope', () => {
  it('reads version, capabilities, log level and keeps the whole _meta', () => {
    const _meta = {
      [VERSION]: '2026-07-28',
      [CAPS]: { elicitation: {} },
      [LEVEL]: 'notice',
      progressToken: 'p',
    };
    expect(readEnvelope({ _meta }, '2026-07-28')).toEqual({
      protocolVersion: '2026-07-28',
      clientCapabilities: { elicitation: {} },
      logLevel: 'notice',
      meta: _meta,
    });
  });

  it('drops a log level it does not know rather than refusing the request', () => {
    const envelope = readEnvelope(
      { _meta: { [VERSION]: '2026-07-28', [CAPS]: {}, [LEVEL]: 'loud' } },
      undefined,
    );
    expect(envelope.logLevel).toBeUndefined();
  });

  it.each([
    ['no params', undefined, 'params._meta is required'],
    ['no _meta', {}, 'params._meta is required'],
    ['an array _meta', { _meta: [] }, 'params._meta is required'],
    ['no version', { _meta: { [CAPS]: {} } }, VERSION],
    ['a numeric version', { _meta: { [VERSION]: 20260728, [CAPS]: {} } }, VERSION],
    ['no capabilities', { _meta: { [VERSION]: '2026-07-28' } }, CAPS],
    ['null capabilities', { _meta: { [VERSION]: '2026-07-28', [CAPS]: null } }, CAPS],
  ])('refuses %s with -32602 on 400', (_label, params, names) => {
    const error = refusal(params);
    expect([error.code, httpStatusOf(error, 'stateless')]).toEqual([-32602, 400]);
    expect(error.message).toContain(names);
  });

  it('refuses a header that disagrees with the body with -32020, before the version check', () => {
    const error = refusal({ _meta: { [VERSION]: '2030-01-01', [CAPS]: {} } }, '2026-07-28');
    expect([error.code, httpStatusOf(error, 'stateless')]).toEqual([-32020, 400]);
  });

  it('refuses an unsupported version with -32022, naming the supported ones', () => {
    const error = refusal({ _meta: { [VERSION]: '2025-11-25', [CAPS]: {} } });
    expect([error.code, httpStatusOf(error, 'stateless')]).toEqual([-32022, 400]);
    expect(error.data).toEqual({ supported: ['2026-07-28'], requested: '2025-11-25' });
  });
});
