import { createSecretKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { McpKeyEntry, McpSigAlg } from '../../../src/mcp/index.js';
import type { SignedFetchOptions } from '../../../src/mcp/agent/index.js';

/** One agent key generated at test time: what the server trusts and what the agent signs with. */
export interface SigningAgent {
  keyid: string;
  principal: string;
  alg: McpSigAlg;
  /** Private key (ed25519) or secret key (hmac) the agent signs with. */
  key: KeyObject;
  /** The public key (ed25519) or secret bytes (hmac), for key-confusion cases. */
  publicBytes: Buffer;
  /** The entry handed to `StaticKeyStore.fromConfig`. */
  entry: McpKeyEntry;
  /** Spread into `createSignedFetch({ ...agent.signing, fetch, msign })`. */
  signing: Pick<SignedFetchOptions, 'keyid' | 'alg' | 'privateKey' | 'secret'>;
}

type EntryExtras = Pick<McpKeyEntry, 'roles' | 'notBefore' | 'notAfter' | 'status'>;

/** An ed25519 agent with a fresh key pair. */
export function edAgent(
  keyid: string,
  principal: string,
  scopes: string[],
  extras: EntryExtras = {},
): SigningAgent {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    keyid,
    principal,
    alg: 'ed25519',
    key: privateKey,
    publicBytes: Buffer.from(jwk.x!, 'base64url'),
    entry: { keyid, principal, alg: 'ed25519', publicKeyJwk: jwk, scopes, ...extras },
    signing: { keyid, alg: 'ed25519', privateKey },
  };
}

/** An hmac-sha256 agent with a fresh 32-byte secret. */
export function hmacAgent(keyid: string, principal: string, scopes: string[]): SigningAgent {
  const secret = randomBytes(32);
  return {
    keyid,
    principal,
    alg: 'hmac-sha256',
    key: createSecretKey(secret),
    publicBytes: secret,
    entry: {
      keyid,
      principal,
      alg: 'hmac-sha256',
      secret: secret.toString('base64url'),
      scopes,
    },
    signing: { keyid, alg: 'hmac-sha256', secret: secret.toString('base64url') },
  };
}

const HOUR = 3_600_000;

/** The agents every security app trusts. */
export function standardAgents() {
  return {
    /** Scope probe:write. */
    writer: edAgent('writer.ed', 'writer', ['probe:write']),
    /** A second key of the same principal (rotation, shared buckets). */
    writer2: edAgent('writer.ed2', 'writer', ['probe:write']),
    /** probe:write + probe:admin. */
    admin: edAgent('admin.ed', 'admin', ['probe:write', 'probe:admin']),
    /** No scopes at all. */
    reader: edAgent('reader.ed', 'reader', []),
    /** Another principal with probe:write (sessions of A vs B). */
    other: edAgent('other.ed', 'other', ['probe:write']),
    mac: hmacAgent('ci.mac', 'ci', ['probe:write']),
    retiringValid: edAgent('rot.old', 'rotator', ['probe:write'], {
      status: 'retiring',
      notAfter: new Date(Date.now() + HOUR),
    }),
    retiringExpired: edAgent('rot.older', 'rotator', ['probe:write'], {
      status: 'retiring',
      notBefore: new Date(Date.now() - 2 * HOUR),
      notAfter: new Date(Date.now() - HOUR),
    }),
    revoked: edAgent('rot.revoked', 'rotator', ['probe:write'], { status: 'revoked' }),
    rotatedNew: edAgent('rot.new', 'rotator', ['probe:write']),
  };
}

export type StandardAgents = ReturnType<typeof standardAgents>;
