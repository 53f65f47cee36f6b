import { isReservedPrincipalId } from '../signature/reserved-principal.js';
import { readFileSync } from 'node:fs';
import { SecurityMessages } from '../security.messages.js';
import { KeyConfigError } from './key-config.error.js';
import { toAgentKey } from './key-entry.parser.js';
import type { McpAgentKey } from './agent-key.interface.js';
import type { McpKeyEntry } from './key-entry.interface.js';
import type { KeyStore } from './key-store.interface.js';

/**
 * A fixed set of keys held in memory, loaded once at boot. Bad entries fail the boot with a
 * message naming the entry; nothing is checked lazily.
 *
 * @example
 * StaticKeyStore.fromFile(process.env.MCP_KEYS_FILE!)
 * StaticKeyStore.fromConfig([{ keyid: 'ci-bot.2026', principal: 'ci-bot', alg: 'hmac-sha256',
 *   secret: process.env.CI_BOT_SECRET!, scopes: ['tools:read'] }])
 */
export class StaticKeyStore implements KeyStore {
  private constructor(private readonly keys: ReadonlyMap<string, McpAgentKey>) {}

  /** Builds the store from key-file entries. Throws `KeyConfigError` on the first bad one. */
  static fromConfig(entries: readonly McpKeyEntry[]): StaticKeyStore {
    return StaticKeyStore.fromKeys(entries.map((entry, index) => toAgentKey(entry, index)));
  }

  /** Builds the store from ready-made keys (e.g. loaded from a KMS at boot). */
  static fromKeys(keys: readonly McpAgentKey[]): StaticKeyStore {
    const byId = new Map<string, McpAgentKey>();
    for (const key of keys) {
      if (byId.has(key.keyid)) throw new KeyConfigError(SecurityMessages.duplicateKeyId(key.keyid));
      if (isReservedPrincipalId(key.principalId))
        throw new KeyConfigError(SecurityMessages.reservedPrincipal(key.keyid, key.principalId));
      byId.set(key.keyid, key);
    }
    return new StaticKeyStore(byId);
  }

  /** Reads `{"keys":[…]}` from a JSON file, synchronously (boot time only). */
  static fromFile(path: string): StaticKeyStore {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new KeyConfigError(SecurityMessages.keyFileUnreadable(path, (error as Error).message));
    }
    const keys = (parsed as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) {
      throw new KeyConfigError(SecurityMessages.keyFileUnreadable(path, 'no "keys" array'));
    }
    return StaticKeyStore.fromConfig(keys as McpKeyEntry[]);
  }

  async findByKeyId(keyid: string): Promise<McpAgentKey | null> {
    return this.keys.get(keyid) ?? null;
  }
}
