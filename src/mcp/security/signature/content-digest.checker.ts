import { createHash, timingSafeEqual } from 'node:crypto';
import { isInnerList, parseDictionary } from 'structured-headers';
import { countDictionaryMembers, singleLine } from './structured-field.util.js';
import { malformed, rejected } from './verification.failure.js';
import type { VerificationFailure } from './signature.types.js';

const SUPPORTED = { 'sha-256': 'sha256', 'sha-512': 'sha512' } as const;
type DigestName = keyof typeof SUPPORTED;

/** The digests a request's `Content-Digest` field claims, by algorithm. */
export type ContentDigests = ReadonlyMap<DigestName, Buffer>;

/**
 * Parses `Content-Digest` (RFC 9530) as an SF Dictionary. `undefined` when absent. Syntax
 * errors and duplicated lines are malformed (400); algorithms other than sha-256/sha-512
 * (md5, sha, …) are deprecated or unknown and fail (401).
 */
export function parseContentDigest(
  headers: Record<string, string[]>,
): ContentDigests | VerificationFailure | undefined {
  const line = singleLine(headers, 'content-digest');
  if (line === undefined) return undefined;
  if (line === null) return malformed('Content-Digest sent on more than one line');
  let dict;
  try {
    dict = parseDictionary(line);
  } catch {
    return malformed('Content-Digest is not an SF dictionary');
  }
  if (dict.size === 0 || dict.size !== countDictionaryMembers(line)) {
    return malformed('Content-Digest is empty or repeats an algorithm');
  }
  const digests = new Map<DigestName, Buffer>();
  for (const [name, member] of dict) {
    if (isInnerList(member) || !(member[0] instanceof ArrayBuffer)) {
      return malformed(`Content-Digest "${name}" is not a byte sequence`);
    }
    if (!Object.hasOwn(SUPPORTED, name)) return rejected(`unsupported digest algorithm "${name}"`);
    digests.set(name as DigestName, Buffer.from(member[0]));
  }
  return digests;
}

/** Every claimed digest must equal the hash of the exact received bytes. */
export function matchContentDigest(
  digests: ContentDigests,
  body: Uint8Array,
): VerificationFailure | undefined {
  for (const [name, claimed] of digests) {
    const actual = createHash(SUPPORTED[name]).update(body).digest();
    if (claimed.length !== actual.length || !timingSafeEqual(claimed, actual)) {
      return rejected(`${name} digest does not match the body`);
    }
  }
  return undefined;
}

/** The `Content-Digest` value a signer sends, and MSign's server-computed component value. */
export function computeContentDigest(body: Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}
