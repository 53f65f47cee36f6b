import { ErrorCode, McpError } from '../protocol/mcp.error.js';

/**
 * Cursors name the last key of the previous page (base64url): a page boundary survives
 * entries being added or removed elsewhere in the list, and clients cannot guess offsets.
 */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(`k:${lastKey}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: unknown): string | undefined {
  if (cursor === undefined) return undefined;
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:')) throw invalidCursor();
  return text.slice(2);
}

function invalidCursor(): McpError {
  return new McpError(ErrorCode.InvalidParams, 'Invalid cursor');
}

/** One page of a list sorted by key, starting after the cursor's key. */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  cursor: unknown,
  pageSize: number,
): { page: T[]; nextCursor?: string } {
  const after = decodeCursor(cursor);
  const start = after === undefined ? 0 : items.findIndex((item) => keyOf(item) > after);
  if (start < 0) return { page: [] };
  const page = items.slice(start, start + pageSize);
  const more = start + pageSize < items.length;
  return more ? { page, nextCursor: encodeCursor(keyOf(page[page.length - 1])) } : { page };
}
