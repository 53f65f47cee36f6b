import { createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { SecurityMessages } from '../security.messages.js';
import { KEYID_PATTERN } from '../signature/signature.constants.js';
import { isMcpSigAlg, keyFitsAlg } from '../signature/signature.algorithms.js';
import { KeyConfigError } from './key-config.error.js';
import { isReservedPrincipalId } from '../signature/reserved-principal.js';
import type { McpAgentKey } from './agent-key.interface.js';

const STATUSES = ['active', 'retiring', 'revoked'] as const;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Turns one key-file entry into a verification key, or throws a `KeyConfigError` naming the
 * entry and the problem. Entries arrive from JSON, so every field is checked.
 */
export function toAgentKey(entry: unknown, index: number): McpAgentKey {
  const raw = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const keyid = typeof raw.keyid === 'string' ? raw.keyid : undefined;
  const fail = (why: string) =>
    new KeyConfigError(SecurityMessages.keyEntryInvalid(index, keyid, why));

  if (keyid === undefined || !KEYID_PATTERN.test(keyid)) {
    throw fail('keyid must be 1-128 characters from A-Z a-z 0-9 . _ : ~ -');
  }
  if (typeof raw.principal !== 'string' || raw.principal === '') {
    throw fail('principal must be a non-empty string');
  }
  if (isReservedPrincipalId(raw.principal)) {
    throw fail(
      `principal "${raw.principal}" is reserved for unsigned or local callers; choose another id`,
    );
  }
  if (!isMcpSigAlg(raw.alg)) throw fail('alg must be ed25519, hmac-sha256 or ecdsa-p256-sha256');
  const alg = raw.alg;
  const status = raw.status ?? 'active';
  if (!STATUSES.includes(status as McpAgentKey['status'])) {
    throw fail('status must be active, retiring or revoked');
  }
  const notBefore = toDate(raw.notBefore, 'notBefore', fail);
  const notAfter = toDate(raw.notAfter, 'notAfter', fail);
  if (notBefore && notAfter && notBefore >= notAfter) throw fail('notBefore must precede notAfter');

  const key = alg === 'hmac-sha256' ? secretKey(raw, fail) : publicKey(raw, fail);
  if (!keyFitsAlg(alg, key, 'verify')) throw fail(`the key material is not a valid ${alg} key`);
  return {
    keyid,
    principalId: raw.principal,
    alg,
    key,
    scopes: Object.freeze(stringList(raw.scopes, 'scopes', fail)),
    roles: Object.freeze(raw.roles === undefined ? [] : stringList(raw.roles, 'roles', fail)),
    notBefore,
    notAfter,
    status: status as McpAgentKey['status'],
  };
}

type Fail = (why: string) => KeyConfigError;

function secretKey(raw: Record<string, unknown>, fail: Fail): KeyObject {
  if (raw.publicKeyJwk !== undefined) throw fail('hmac-sha256 keys take secret, not publicKeyJwk');
  if (typeof raw.secret !== 'string' || !BASE64URL.test(raw.secret)) {
    throw fail('secret must be a base64url string');
  }
  const bytes = Buffer.from(raw.secret, 'base64url');
  if (bytes.length < 32) throw fail('secret must be at least 32 bytes (256 bits) from a CSPRNG');
  return createSecretKey(bytes);
}

function publicKey(raw: Record<string, unknown>, fail: Fail): KeyObject {
  if (raw.secret !== undefined) throw fail('asymmetric keys take publicKeyJwk, not secret');
  const jwk = raw.publicKeyJwk;
  if (typeof jwk !== 'object' || jwk === null) throw fail('publicKeyJwk must be a JWK object');
  // A private JWK would still yield a public key; refuse it so secrets never sit in key files.
  if ('d' in jwk) throw fail('publicKeyJwk contains private key material ("d"); remove it');
  try {
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (error) {
    throw fail(`publicKeyJwk is not a usable JWK (${(error as Error).message})`);
  }
}

function stringList(value: unknown, name: string, fail: Fail): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw fail(`${name} must be an array of strings`);
  }
  return [...value];
}

function toDate(value: unknown, name: string, fail: Fail): Date | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) throw fail(`${name} must be an ISO date`);
  return date;
}
