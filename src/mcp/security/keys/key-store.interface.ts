import type { McpAgentKey } from './agent-key.interface.js';

/**
 * Where the verifier finds agent keys. Implement it over a database or KMS, or use
 * `StaticKeyStore`. Return `null` for unknown keyids; throw only when the store itself fails
 * (the request then gets a 503, not a 401).
 *
 * @example
 * { provide: KeyStore, useClass: DbKeyStore }
 */
export interface KeyStore {
  /** The key with this `keyid`, or null when there is none. */
  findByKeyId(keyid: string): Promise<McpAgentKey | null>;
}

/** Injection token of the `KeyStore` (same-name interface and token, as in @nestjs/throttler). */
export const KeyStore = Symbol('MCP_KEY_STORE');
