import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McpKeyEntry } from '../../src/mcp/index.js';
import type { SignedFetchOptions } from '../../src/mcp/agent/index.js';

/** One agent generated at test time: the entry the server trusts and what the agent signs with. */
export interface TestAgent {
  entry: McpKeyEntry;
  /** Spread into `createSignedFetch({ ...agent.signing, fetch, msign })`. */
  signing: Pick<SignedFetchOptions, 'keyid' | 'alg' | 'privateKey' | 'secret'>;
}

/** An ed25519 agent with a fresh key pair. */
export function ed25519Agent(principal: string, scopes: string[]): TestAgent {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const keyid = `${principal}.ed25519`;
  return {
    entry: {
      keyid,
      principal,
      alg: 'ed25519',
      publicKeyJwk: publicKey.export({ format: 'jwk' }),
      scopes,
    },
    signing: { keyid, alg: 'ed25519', privateKey },
  };
}

/** An hmac-sha256 agent with a fresh 32-byte secret. */
export function hmacAgent(principal: string, scopes: string[]): TestAgent {
  const secret = randomBytes(32).toString('base64url');
  const keyid = `${principal}.hmac`;
  return {
    entry: { keyid, principal, alg: 'hmac-sha256', secret, scopes },
    signing: { keyid, alg: 'hmac-sha256', secret },
  };
}

/** Writes `{"keys":[…]}` to a fresh temp dir; `remove` deletes the dir. */
export function writeKeyFile(agents: TestAgent[]): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nest-mcp-keys-'));
  const file = join(dir, 'agent-keys.json');
  writeFileSync(file, JSON.stringify({ keys: agents.map((a) => a.entry) }), { mode: 0o600 });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
