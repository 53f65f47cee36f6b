import { describe, expect, it } from 'vitest';
import { McpError } from '../protocol/mcp.error.js';
import { decodeCursor, encodeCursor, paginate } from './list-cursor.js';

const key = (s: string) => s;
const letters = (...keys: string[]) => [...keys].sort();

function errorOf(fn: () => unknown): McpError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(McpError);
    return error as McpError;
  }
  throw new Error('expected an McpError');
}

/** Follows nextCursor until the end, as a client would. */
function walk(items: string[], pageSize: number): string[][] {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const { page, nextCursor } = paginate(items, key, cursor, pageSize);
    pages.push(page);
    cursor = nextCursor;
  } while (cursor !== undefined);
  return pages;
}

describe('list cursors', () => {
  it('are opaque base64url tokens that round-trip to the last key', () => {
    const cursor = encodeCursor('tool.name/with:odd chars');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('tool');
    expect(decodeCursor(cursor)).toBe('tool.name/with:odd chars');
  });

  it('decodes undefined as "from the start"', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    ['a number', 5],
    ['null', null],
    ['an empty string', ''],
    ['non-base64url characters', 'abc+/='],
    ['a token without the key prefix', Buffer.from('x:a').toString('base64url')],
    ['a bare offset', '10'],
  ])('refuses %s with -32602 Invalid cursor', (_label, cursor) => {
    const error = errorOf(() => decodeCursor(cursor));
    expect(error.code).toBe(-32602);
    expect(error.message).toBe('Invalid cursor');
  });

  it('serves pages of the requested size and ends without nextCursor', () => {
    const items = letters('a', 'b', 'c', 'd', 'e');
    expect(walk(items, 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(paginate(items, key, undefined, 5)).toEqual({ page: items });
    expect(paginate(items, key, undefined, 10)).toEqual({ page: items });
  });

  it('omits nextCursor on an exactly full last page', () => {
    const first = paginate(letters('a', 'b', 'c', 'd'), key, undefined, 2);
    const second = paginate(letters('a', 'b', 'c', 'd'), key, first.nextCursor, 2);
    expect(second).toEqual({ page: ['c', 'd'] });
  });

  it('keeps the boundary when items are added before it or the boundary item is removed', () => {
    const first = paginate(letters('b', 'd', 'f', 'h'), key, undefined, 2);
    expect(first.page).toEqual(['b', 'd']);
    // 'a' inserted before the boundary and 'd' (the boundary itself) removed meanwhile.
    const changed = letters('a', 'b', 'c', 'e', 'f', 'h');
    expect(paginate(changed, key, first.nextCursor, 2).page).toEqual(['e', 'f']);
  });

  it('answers an empty page when everything after the cursor was removed', () => {
    const cursor = encodeCursor('m');
    expect(paginate(letters('a', 'b'), key, cursor, 10)).toEqual({ page: [] });
  });

  it('propagates an invalid cursor as -32602', () => {
    expect(errorOf(() => paginate(['a'], key, 'not*valid', 10)).code).toBe(-32602);
  });
});
