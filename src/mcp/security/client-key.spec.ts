import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS_PRINCIPAL } from './principal.interface.js';
import { clientAddress, clientKeyOf, LOCAL_CLIENT_KEY } from './client-key.js';
import { ConcurrencyLimiter } from './concurrency.limiter.js';

const request = (remoteAddress: string) => ({ socket: { remoteAddress } }) as IncomingMessage;
const options = { serverInfo: { name: 't', version: '1' }, concurrency: { callsPerAgent: 2 } };

describe('ClientKey', () => {
  it('keys an anonymous caller by address and anyone else by principal, never alike', () => {
    const anon = clientKeyOf(request('10.0.0.1'), ANONYMOUS_PRINCIPAL);
    const agent = clientKeyOf(request('10.0.0.1'), {
      id: '10.0.0.1',
      kind: 'agent',
      scopes: [],
      roles: [],
    });
    expect(anon).toEqual({ kind: 'anonymous', value: 'anon:10.0.0.1' });
    expect(agent.kind).toBe('principal');
    expect(agent.value).not.toBe(anon.value);
  });

  it('the local (stdio) client is never capped, where an agent is', () => {
    const limiter = new ConcurrencyLimiter(options);
    const agent = clientKeyOf(request('10.0.0.2'), {
      id: 'a',
      kind: 'agent',
      scopes: [],
      roles: [],
    });
    limiter.call(agent);
    limiter.call(agent);
    expect(() => limiter.call(agent)).toThrow(/too many open at once/);
    // Past every default cap (8 calls, 10 streams per agent) without a 429.
    const calls = Array.from({ length: 50 }, () => limiter.call(LOCAL_CLIENT_KEY));
    const streams = Array.from({ length: 50 }, () => limiter.stream(LOCAL_CLIENT_KEY));
    expect(calls.length + streams.length).toBe(100);
    for (let i = 0; i < 10; i++) limiter.stream(agent);
    expect(() => limiter.stream(agent)).toThrow(/too many open at once/);
  });
});

describe('clientAddress', () => {
  it('prefers the framework’s req.ip, unwraps IPv4-mapped IPv6, and groups IPv6 by /64', () => {
    const proxied = Object.assign(request('127.0.0.1'), { ip: '203.0.113.7' });
    expect(clientAddress(proxied)).toBe('203.0.113.7');
    expect(clientAddress(request('::ffff:192.0.2.1'))).toBe('192.0.2.1');
    expect(clientAddress(request('2001:db8:1:2:aaaa::1'))).toBe('2001:db8:1:2:0:0:0:0/64');
    expect(clientAddress({ socket: {} } as IncomingMessage)).toBe('unknown');
  });
});
