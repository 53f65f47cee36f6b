import type { Parameters } from 'structured-headers';
import { KEYID_PATTERN, KNOWN_SIGNATURE_PARAMS, NONCE_PATTERN } from './signature.constants.js';
import { malformed, rejected } from './verification.failure.js';
import type { VerificationFailure } from './signature.types.js';

/** The signature parameters the profile requires, type-checked. */
export interface SignatureParams {
  keyid: string;
  created: number;
  nonce: string;
  expires?: number;
  /** Only compared with the key's own algorithm; it never selects one. */
  alg?: string;
}

/**
 * Reads the parameters of the selected signature. Missing required ones fail verification
 * (401); present but ill-typed or ill-formed ones make the field malformed (400).
 */
export function readSignatureParams(params: Parameters): SignatureParams | VerificationFailure {
  for (const name of params.keys()) {
    if (!KNOWN_SIGNATURE_PARAMS.has(name))
      return malformed(`unknown signature parameter "${name}"`);
  }
  const get = (name: string): unknown => params.get(name);
  const [keyid, created, nonce, expires, alg] = ['keyid', 'created', 'nonce', 'expires', 'alg'].map(
    get,
  );
  if (keyid === undefined || created === undefined || nonce === undefined) {
    return rejected('signature lacks keyid, created or nonce');
  }
  if (typeof keyid !== 'string' || !KEYID_PATTERN.test(keyid)) return malformed('bad keyid');
  if (!isInteger(created)) return malformed('created is not an integer');
  if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce)) return malformed('bad nonce');
  if (expires !== undefined && !isInteger(expires)) return malformed('expires is not an integer');
  if (alg !== undefined && typeof alg !== 'string') return malformed('alg is not a string');
  return { keyid, created, nonce, expires, alg };
}

/**
 * The time windows: `created` neither too old nor too far ahead, and `expires` (if any)
 * after `created` and not past (skew applies to `created` only). The max age applies even
 * when `expires` is later.
 */
export function checkWindows(
  params: Pick<SignatureParams, 'created' | 'expires'>,
  now: number,
  maxAgeSec: number,
  futureSkewSec: number,
): VerificationFailure | undefined {
  const { created, expires } = params;
  if (created > now + futureSkewSec) return rejected('created is in the future');
  if (now - created > maxAgeSec) return rejected('signature is older than the max age');
  if (expires !== undefined) {
    if (expires <= created) return rejected('expires is not after created');
    // No skew here: the allowance is for a signer whose clock runs ahead (docs/signing.md §4.7).
    if (now > expires) return rejected('signature has expired');
  }
  return undefined;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
