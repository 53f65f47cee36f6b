import { createHash } from 'node:crypto';

/**
 * The replay-store key of a signature: scoped to the keyid and derived from the signed nonce,
 * not from the signature bytes (ECDSA signatures are malleable). Hashing bounds its length.
 */
export function replayKey(keyid: string, nonce: string): string {
  return `mcp:rp:${keyid}:${createHash('sha256').update(nonce).digest('hex')}`;
}
