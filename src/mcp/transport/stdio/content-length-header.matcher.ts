const PREFIX = Buffer.from('content-length:', 'latin1');

/** Length in bytes of `Content-Length:`. */
export const CONTENT_LENGTH_PREFIX_BYTES = PREFIX.length;

// Letters compare case-insensitively by folding bit 0x20; other bytes must match exactly,
// because folding would make '\r' (0x0d) equal '-' (0x2d).
function sameByte(actual: number, expectedLower: number): boolean {
  const isLetter = expectedLower >= 0x61 && expectedLower <= 0x7a;
  return isLetter ? (actual | 0x20) === expectedLower : actual === expectedLower;
}

/**
 * Whether the first `count` bytes at `at` agree with `Content-Length:` (any letter case);
 * `count` below the prefix length asks "could this still become the header?".
 */
export function matchesContentLengthPrefix(buffer: Buffer, at: number, count: number): boolean {
  for (let i = 0; i < count; i++) {
    if (!sameByte(buffer[at + i], PREFIX[i])) return false;
  }
  return true;
}

/** Offset of the next `Content-Length:` (any letter case) at or after `from`, or -1. */
export function indexOfContentLength(buffer: Buffer, from: number): number {
  const last = buffer.length - PREFIX.length;
  for (let at = from; at <= last; at++) {
    if (matchesContentLengthPrefix(buffer, at, PREFIX.length)) return at;
  }
  return -1;
}
