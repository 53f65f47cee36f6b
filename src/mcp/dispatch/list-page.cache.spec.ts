import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS_PRINCIPAL,
  LOCAL_PRINCIPAL,
  type McpPrincipal,
} from '../security/principal.interface.js';
import { ListPageCache } from './list-page.cache.js';

const agent = (scopes: string[]): McpPrincipal => ({
  id: `agent-${scopes.join('-')}`,
  kind: 'agent',
  scopes,
  roles: [],
});

describe('ListPageCache', () => {
  it('builds a page once per kind, scopes, roles and cursor until cleared', () => {
    const cache = new ListPageCache<string>();
    let builds = 0;
    const build = (): string => `page ${++builds}`;
    expect(cache.get(ANONYMOUS_PRINCIPAL, undefined, build)).toBe('page 1');
    expect(cache.get(ANONYMOUS_PRINCIPAL, undefined, build)).toBe('page 1');
    expect(cache.get(LOCAL_PRINCIPAL, undefined, build)).toBe('page 2');
    expect(cache.get(agent(['a']), undefined, build)).toBe('page 3');
    // Another agent with the same grants sees the same page.
    expect(cache.get({ ...agent(['a']), id: 'someone else' }, undefined, build)).toBe('page 3');
    expect(cache.get(agent(['a', 'b']), undefined, build)).toBe('page 4');
    expect(cache.get(ANONYMOUS_PRINCIPAL, 'c2', build)).toBe('page 5');
    cache.clear();
    expect(cache.get(ANONYMOUS_PRINCIPAL, undefined, build)).toBe('page 6');
  });

  it('never caches a malformed cursor, so it is rejected every time', () => {
    const cache = new ListPageCache<string>();
    const reject = (): string => {
      throw new Error('Invalid cursor');
    };
    expect(() => cache.get(ANONYMOUS_PRINCIPAL, 42, reject)).toThrow('Invalid cursor');
    cache.get(ANONYMOUS_PRINCIPAL, undefined, () => 'first page');
    expect(() => cache.get(ANONYMOUS_PRINCIPAL, 42, reject)).toThrow('Invalid cursor');
  });
});
