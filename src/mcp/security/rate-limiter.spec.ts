import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { McpRateLimitOptions, McpThrottlerStorage } from '../config/mcp-options.interface.js';
import { McpError } from '../protocol/mcp.error.js';
import { MemoryThrottlerStorage } from './memory-throttler.storage.js';
import { ANONYMOUS_PRINCIPAL, LOCAL_PRINCIPAL, type McpPrincipal } from './principal.interface.js';
import type { ClientKey } from './client-key.js';
import { McpRateLimiter } from './rate-limiter.js';

const from = (ip: string) => ({ socket: { remoteAddress: ip } }) as unknown as IncomingMessage;
const ada: McpPrincipal = { id: 'ada', kind: 'agent', scopes: [], roles: [] };
const RULE = { limit: 2, ttlMs: 60_000 };
const key = (value: string): ClientKey => ({ kind: 'principal', value });

function limiter(rateLimit?: McpRateLimitOptions, shared?: McpThrottlerStorage): McpRateLimiter {
  return new McpRateLimiter({ serverInfo: { name: 'spec', version: '1' }, rateLimit }, shared);
}

/** The 429 a call ends with, or undefined when it went through. */
async function refusal(run: () => Promise<unknown>): Promise<McpError | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(McpError);
    return error as McpError;
  }
}

/** Outcomes of `n` calls in a row: 'ok' or the HTTP status of the refusal. */
async function series(n: number, run: () => Promise<unknown>): Promise<(number | 'ok')[]> {
  const out: (number | 'ok')[] = [];
  for (let i = 0; i < n; i++) out.push((await refusal(run))?.httpStatus ?? 'ok');
  return out;
}

afterEach(() => vi.useRealTimers());

describe('McpRateLimiter', () => {
  it('counts every request of an address before authentication, each address apart', async () => {
    const rl = limiter({ perAddress: RULE });
    expect(await series(3, () => rl.preAuth(from('10.0.0.1')))).toEqual(['ok', 'ok', 429]);
    expect(await series(1, () => rl.preAuth(from('10.0.0.2')))).toEqual(['ok']);
    const error = await refusal(() => rl.preAuth(from('10.0.0.1')));
    expect(error?.code).toBe(-32013);
    expect(error?.headers?.['retry-after']).toMatch(/^\d+$/);
    expect(Number(error?.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(error?.data).toEqual({ retryAfter: Number(error?.headers?.['retry-after']) });
  });

  it('limits anonymous callers by address and the others by principal kind and id', async () => {
    const rl = limiter({ anonymous: RULE, perPrincipal: { limit: 1, ttlMs: 60_000 } });
    const anonymous = (ip: string) => () => rl.principal(from(ip), ANONYMOUS_PRINCIPAL);
    expect(await series(3, anonymous('10.0.0.1'))).toEqual(['ok', 'ok', 429]);
    expect(await series(1, anonymous('10.0.0.2'))).toEqual(['ok']);
    // An agent is one client whatever address it comes from.
    expect(await series(1, () => rl.principal(from('10.0.0.3'), ada))).toEqual(['ok']);
    expect(await series(1, () => rl.principal(from('10.0.0.4'), ada))).toEqual([429]);
    // Same id, other kind: another client.
    const holder: McpPrincipal = { ...ada, kind: 'bearer' };
    expect(await series(1, () => rl.principal(from('10.0.0.3'), holder))).toEqual(['ok']);
    expect(await series(5, () => rl.principal(from('10.0.0.3'), LOCAL_PRINCIPAL))).toEqual(
      Array(5).fill('ok'),
    );
  });

  it('counts failed verifications per address and then blocks the address before any lookup', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const rl = limiter({ failedAuth: { limit: 2, ttlMs: 60_000, blockMs: 120_000 } });
    const req = from('10.0.0.9');
    expect(await rl.authFailed(req)).toBeUndefined();
    expect(await rl.authFailed(req)).toBeUndefined();
    const blocked = await rl.authFailed(req);
    expect(blocked?.httpStatus).toBe(429);
    // No perAddress rule: the block alone refuses the address, with the time left.
    const early = await refusal(() => rl.preAuth(req));
    expect(early?.headers).toEqual({ 'retry-after': '120' });
    expect(await refusal(() => rl.preAuth(from('10.0.0.8')))).toBeUndefined();
    vi.setSystemTime(Date.now() + 121_000);
    expect(await refusal(() => rl.preAuth(req))).toBeUndefined();
  });

  it('neither counts nor blocks failed verifications when failedAuth is false', async () => {
    const rl = limiter({ failedAuth: false });
    for (let i = 0; i < 50; i++) expect(await rl.authFailed(from('10.0.0.9'))).toBeUndefined();
    expect(await refusal(() => rl.preAuth(from('10.0.0.9')))).toBeUndefined();
  });

  it('limits a tool per client key when the tool declares a rule, unless tools is false', async () => {
    const rl = limiter();
    expect(await series(3, () => rl.tool('search', RULE, key('agent:ada')))).toEqual([
      'ok',
      'ok',
      429,
    ]);
    expect(await series(1, () => rl.tool('search', RULE, key('agent:grace')))).toEqual(['ok']);
    expect(await series(1, () => rl.tool('other', RULE, key('agent:ada')))).toEqual(['ok']);
    expect(await series(5, () => rl.tool('free', undefined, key('agent:ada')))).toEqual(
      Array(5).fill('ok'),
    );
    const off = limiter({ tools: false });
    expect(await series(5, () => off.tool('search', RULE, key('agent:ada')))).toEqual(
      Array(5).fill('ok'),
    );
  });

  it('tells its listener which scope refused', async () => {
    const rl = limiter({ perAddress: { limit: 0, ttlMs: 60_000 } });
    const scopes: string[] = [];
    rl.onLimited((scope) => scopes.push(scope));
    await refusal(() => rl.preAuth(from('10.0.0.1')));
    await refusal(() => rl.tool('t', { limit: 0, ttlMs: 1000 }, key('k')));
    const strict = limiter({ perPrincipal: { limit: 0, ttlMs: 60_000 } });
    strict.onLimited((scope) => scopes.push(scope));
    await refusal(() => strict.principal(from('10.0.0.1'), ada));
    expect(scopes).toEqual(['address', 'tool', 'principal']);
  });

  it('fails closed with 503 when the storage is down', async () => {
    const down: McpThrottlerStorage = {
      increment: () => Promise.reject(new Error('connection refused')),
    };
    const rl = limiter({ perAddress: RULE }, down);
    const error = await refusal(() => rl.preAuth(from('10.0.0.1')));
    expect([error?.code, error?.httpStatus, error?.headers]).toEqual([
      -32014,
      503,
      { 'retry-after': '5' },
    ]);
  });

  it('prefers the storage given in the options over the shared one', async () => {
    const given = new MemoryThrottlerStorage();
    const shared = new MemoryThrottlerStorage();
    const rl = limiter({ perAddress: RULE, storage: given }, shared);
    await rl.preAuth(from('10.0.0.1'));
    expect([given.size, shared.size]).toEqual([1, 0]);
    given.onModuleDestroy();
    shared.onModuleDestroy();
  });
});
