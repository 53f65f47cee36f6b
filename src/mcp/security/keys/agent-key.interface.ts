import type { KeyObject } from 'node:crypto';
import type { McpSigAlg } from '../signature/signature.types.js';

/** A verification key of an agent, as a key store returns it (docs/signing.md §3.2). */
export interface McpAgentKey {
  /** Opaque; for ed25519 an RFC 7638 JWK thumbprint is recommended. */
  keyid: string;
  /** Stable agent identity for sessions, rate limits and audit (not the keyid). */
  principalId: string;
  /** Bound to the key: a request's `alg` is only compared with it. */
  alg: McpSigAlg;
  /** `createPublicKey(…)` for ed25519/ecdsa, `createSecretKey(…)` for hmac. */
  key: KeyObject;
  scopes: readonly string[];
  roles?: readonly string[];
  notBefore?: Date;
  notAfter?: Date;
  /** `retiring` still verifies until `notAfter`; `revoked` never does. */
  status: 'active' | 'retiring' | 'revoked';
}
