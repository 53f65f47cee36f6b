import { createHmac, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { McpSigAlg } from './signature.types.js';

/** Signature length per algorithm (ECDSA in IEEE P1363 form: r ‖ s). */
export const SIGNATURE_LENGTH: Readonly<Record<McpSigAlg, number>> = {
  ed25519: 64,
  'hmac-sha256': 32,
  'ecdsa-p256-sha256': 64,
};

/** Minimum HMAC secret: 256 bits, as RFC 9421 §3.3.3 and docs/signing.md §3.1 require. */
export const MIN_HMAC_SECRET_BYTES = 32;

/** Whether `value` names one of the profile's algorithms (config and key-file validation). */
export function isMcpSigAlg(value: unknown): value is McpSigAlg {
  return typeof value === 'string' && Object.hasOwn(SIGNATURE_LENGTH, value);
}

/**
 * Whether `key` is the kind of key `alg` uses, for verifying (`public`/`secret`) or signing
 * (`private`/`secret`). The key's own algorithm decides: an HMAC is never computed with a
 * public key's bytes, and an Ed25519 key never verifies an ECDSA signature.
 */
export function keyFitsAlg(alg: McpSigAlg, key: KeyObject, use: 'verify' | 'sign'): boolean {
  const asymmetricType = use === 'verify' ? 'public' : 'private';
  switch (alg) {
    case 'ed25519':
      return key.type === asymmetricType && key.asymmetricKeyType === 'ed25519';
    case 'ecdsa-p256-sha256':
      return (
        key.type === asymmetricType &&
        key.asymmetricKeyType === 'ec' &&
        key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
      );
    case 'hmac-sha256':
      return key.type === 'secret' && (key.symmetricKeySize ?? 0) >= MIN_HMAC_SECRET_BYTES;
  }
}

/** Verifies `signature` over `data`; false (never a throw) for any mismatch or bad length. */
export function verifyWithAlg(
  alg: McpSigAlg,
  key: KeyObject,
  data: Buffer,
  signature: Buffer,
): boolean {
  if (signature.length !== SIGNATURE_LENGTH[alg] || !keyFitsAlg(alg, key, 'verify')) return false;
  try {
    switch (alg) {
      case 'ed25519':
        return verify(null, data, key, signature);
      case 'ecdsa-p256-sha256':
        return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
      case 'hmac-sha256':
        // Lengths are equal here (checked above), so timingSafeEqual cannot throw.
        return timingSafeEqual(createHmac('sha256', key).update(data).digest(), signature);
    }
  } catch {
    return false;
  }
}

/** Signs `data` with a private key (ed25519, ecdsa) or a secret (hmac). */
export function signWithAlg(alg: McpSigAlg, key: KeyObject, data: Buffer): Buffer {
  switch (alg) {
    case 'ed25519':
      return sign(null, data, key);
    case 'ecdsa-p256-sha256':
      return sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
    case 'hmac-sha256':
      return createHmac('sha256', key).update(data).digest();
  }
}
