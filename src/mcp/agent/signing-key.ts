import { createPrivateKey, createSecretKey, KeyObject, type JsonWebKey } from 'node:crypto';
import { SecurityMessages } from '../security/security.messages.js';
import { keyFitsAlg } from '../security/signature/signature.algorithms.js';
import type { McpSigAlg } from '../security/signature/signature.types.js';

/** The key material an agent signs with: a private key, or an HMAC secret. */
export interface SigningKeyMaterial {
  alg: McpSigAlg;
  /** ed25519 / ecdsa-p256-sha256: a KeyObject, a PKCS#8 PEM string, or a private JWK. */
  privateKey?: KeyObject | string | JsonWebKey;
  /** hmac-sha256: raw bytes, or a base64url string; at least 32 bytes. */
  secret?: Buffer | string;
}

/** Turns the configured material into a signing KeyObject; throws when it does not fit `alg`. */
export function resolveSigningKey(material: SigningKeyMaterial): KeyObject {
  const { alg, privateKey, secret } = material;
  let key: KeyObject;
  try {
    if (alg === 'hmac-sha256') {
      if (secret === undefined) throw new Error(SecurityMessages.signedFetchNoKey());
      key = createSecretKey(typeof secret === 'string' ? Buffer.from(secret, 'base64url') : secret);
    } else {
      if (privateKey === undefined) throw new Error(SecurityMessages.signedFetchNoKey());
      key =
        privateKey instanceof KeyObject
          ? privateKey
          : typeof privateKey === 'string'
            ? createPrivateKey(privateKey)
            : createPrivateKey({ key: privateKey, format: 'jwk' });
    }
  } catch (error) {
    throw new Error(SecurityMessages.signedFetchBadKey(alg, (error as Error).message));
  }
  if (!keyFitsAlg(alg, key, 'sign')) {
    throw new Error(SecurityMessages.signedFetchBadKey(alg, 'wrong key type or size'));
  }
  return key;
}
