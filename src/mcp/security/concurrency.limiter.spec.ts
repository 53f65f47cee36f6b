import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { McpError } from '../protocol/mcp.error.js';
import { clientKeyOf, LOCAL_CLIENT_KEY } from './client-key.js';
import { ConcurrencyLimiter } from './concurrency.limiter.js';
import { ANONYMOUS_PRINCIPAL, type McpPrincipal } from './principal.interface.js';

const from = (ip: string) => ({ socket: { remoteAddress: ip } }) as unknown as IncomingMessage;
const ada: McpPrincipal = { id: 'ada', kind: 'agent', scopes: [], roles: [] };
/** The keys the transports give the limiter. */
const AGENT = clientKeyOf(from('10.0.0.1'), ada);
const ANON = clientKeyOf(from('10.0.0.1'), ANONYMOUS_PRINCIPAL);
const LOCAL = LOCAL_CLIENT_KEY;

const limiter = (concurrency?: McpModuleOptions['concurrency']) =>
  new ConcurrencyLimiter({ serverInfo: { name: 'spec', version: '1' }, concurrency });

/** Takes slots until refused; returns the releases of those it got (at most `cap`). */
function fill(take: () => () => void, cap = 100): (() => void)[] {
  const held: (() => void)[] = [];
  for (let i = 0; i < cap; i++) {
    try {
      held.push(take());
    } catch (error) {
      expect(error).toBeInstanceOf(McpError);
      break;
    }
  }
  return held;
}

function refusal(take: () => unknown): McpError {
  try {
    take();
  } catch (error) {
    expect(error).toBeInstanceOf(McpError);
    return error as McpError;
  }
  throw new Error('expected a refusal');
}

describe('ConcurrencyLimiter', () => {
  it('caps calls in flight at 8 per agent and 8 per anonymous address by default', () => {
    const cl = limiter();
    expect(fill(() => cl.call(AGENT))).toHaveLength(8);
    expect(fill(() => cl.call(ANON))).toHaveLength(8);
    expect(fill(() => cl.call(clientKeyOf(from('10.0.0.2'), ANONYMOUS_PRINCIPAL)))).toHaveLength(8);
  });

  it('caps open streams at 10 per agent and 5 per anonymous address by default', () => {
    const cl = limiter();
    expect(fill(() => cl.stream(AGENT))).toHaveLength(10);
    expect(fill(() => cl.stream(ANON))).toHaveLength(5);
  });

  it('counts calls and streams apart', () => {
    const cl = limiter({ callsPerAgent: 1, streamsPerAgent: 1 });
    cl.call(AGENT);
    expect(fill(() => cl.stream(AGENT))).toHaveLength(1);
    expect(refusal(() => cl.call(AGENT)).httpStatus).toBe(429);
  });

  it('never caps the local user', () => {
    const cl = limiter({ callsPerAgent: 1, streamsPerAgent: 1 });
    expect(fill(() => cl.call(LOCAL), 50)).toHaveLength(50);
    expect(fill(() => cl.stream(LOCAL), 50)).toHaveLength(50);
  });

  it('refuses past the cap with -32013 on 429 and a one-second retry', () => {
    const cl = limiter({ callsPerAnonymousAddress: 2 });
    fill(() => cl.call(ANON));
    const error = refusal(() => cl.call(ANON));
    expect([error.code, error.httpStatus, error.headers, error.data]).toEqual([
      -32013,
      429,
      { 'retry-after': '1' },
      { retryAfter: 1 },
    ]);
  });

  it('frees a slot on release, once however often the release is called', () => {
    const cl = limiter({ callsPerAgent: 2 });
    const [first] = fill(() => cl.call(AGENT));
    first();
    first();
    first();
    // One slot came back, not three.
    expect(fill(() => cl.call(AGENT))).toHaveLength(1);
  });

  it('takes its caps from the concurrency options', () => {
    const cl = limiter({ callsPerAgent: 3, streamsPerAnonymousAddress: 1 });
    expect(fill(() => cl.call(AGENT))).toHaveLength(3);
    expect(fill(() => cl.stream(ANON))).toHaveLength(1);
    expect(fill(() => cl.stream(AGENT))).toHaveLength(10);
  });
});
