import type { JsonWebKey } from 'node:crypto';
import type { McpSigAlg } from '../signature/signature.types.js';

/**
 * One key in configuration or in a key file (`{"keys":[…]}`): ed25519/ecdsa keys as a
 * public JWK, hmac keys as a base64url secret of at least 32 bytes.
 *
 * @example
 * { keyid: 'agent-42.2026-09', principal: 'agent-42', alg: 'ed25519',
 *   publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: '…' }, scopes: ['tools:read'] }
 */
export interface McpKeyEntry {
  keyid: string;
  /** The principal id the key authenticates. */
  principal: string;
  alg: McpSigAlg;
  publicKeyJwk?: JsonWebKey;
  /** base64url, for `hmac-sha256` only. */
  secret?: string;
  scopes: string[];
  roles?: string[];
  /** ISO 8601 date-time (or a Date). */
  notBefore?: string | Date;
  notAfter?: string | Date;
  status?: 'active' | 'retiring' | 'revoked';
}
