import { isReservedPrincipalId } from './reserved-principal.js';
import { keyFitsAlg } from './signature.algorithms.js';
import { rejected } from './verification.failure.js';
import type { McpAgentKey } from '../keys/agent-key.interface.js';
import type { VerificationFailure } from './signature.types.js';

/**
 * Whether a found key may verify this request now: not revoked, inside notBefore/notAfter
 * (a `retiring` key keeps working until notAfter), its material fitting its own alg, and a
 * request `alg`, when given, equal to it (RFC 9421 §3.2 step 6.4).
 */
export function checkKeyUsable(
  key: McpAgentKey,
  requestAlg: string | undefined,
  nowSec: number,
): VerificationFailure | undefined {
  const nowMs = nowSec * 1000;
  if (key.status === 'revoked') return rejected('key is revoked');
  // A custom KeyStore is not checked at load time: refuse here instead.
  if (isReservedPrincipalId(key.principalId)) return rejected('key names a reserved principal');
  if (key.notBefore && nowMs < key.notBefore.getTime()) return rejected('key is not yet valid');
  if (key.notAfter && nowMs >= key.notAfter.getTime()) return rejected('key is past notAfter');
  if (requestAlg !== undefined && requestAlg !== key.alg) return rejected('alg differs from key');
  if (!keyFitsAlg(key.alg, key.key, 'verify')) return rejected('key material does not fit alg');
  return undefined;
}
