import { createHash } from 'node:crypto';

/** A strong ETag: the SHA-256 of the body (base64url), quoted. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/**
 * If-None-Match per RFC 9110 §13.1.2: `*`, or a list of tags compared weakly (a `W/` prefix on
 * either side still matches).
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag);
  const target = strip(etag);
  return header.split(',').some((raw) => {
    const tag = raw.trim();
    return tag === '*' || strip(tag) === target;
  });
}
