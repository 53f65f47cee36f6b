import { createSecretKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyFitsAlg, signWithAlg, verifyWithAlg } from './signature.algorithms.js';

const ed = generateKeyPairSync('ed25519');
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const data = Buffer.from('"@method": POST');

describe('signature algorithms', () => {
  it('round-trips each algorithm', () => {
    const secret = createSecretKey(randomBytes(32));
    expect(
      verifyWithAlg('ed25519', ed.publicKey, data, signWithAlg('ed25519', ed.privateKey, data)),
    ).toBe(true);
    const ecSig = signWithAlg('ecdsa-p256-sha256', p256.privateKey, data);
    expect(ecSig).toHaveLength(64);
    expect(verifyWithAlg('ecdsa-p256-sha256', p256.publicKey, data, ecSig)).toBe(true);
    expect(
      verifyWithAlg('hmac-sha256', secret, data, signWithAlg('hmac-sha256', secret, data)),
    ).toBe(true);
  });

  it('A8 never verifies with a key of another kind than the algorithm uses', () => {
    const edSig = signWithAlg('ed25519', ed.privateKey, data);
    const pubBytes = createSecretKey(ed.publicKey.export({ format: 'der', type: 'spki' }));
    expect(verifyWithAlg('hmac-sha256', ed.publicKey, data, edSig.subarray(0, 32))).toBe(false);
    expect(verifyWithAlg('ed25519', pubBytes, data, edSig)).toBe(false);
    expect(verifyWithAlg('ecdsa-p256-sha256', ed.publicKey, data, edSig)).toBe(false);
    expect(verifyWithAlg('ed25519', ed.privateKey, data, edSig)).toBe(false);
  });

  it('accepts only P-256 for ecdsa-p256-sha256 and only ≥ 32-byte HMAC secrets', () => {
    expect(keyFitsAlg('ecdsa-p256-sha256', p256.publicKey, 'verify')).toBe(true);
    expect(keyFitsAlg('ecdsa-p256-sha256', p384.publicKey, 'verify')).toBe(false);
    expect(keyFitsAlg('hmac-sha256', createSecretKey(randomBytes(31)), 'verify')).toBe(false);
    expect(keyFitsAlg('ed25519', ed.privateKey, 'sign')).toBe(true);
    expect(keyFitsAlg('ed25519', ed.publicKey, 'sign')).toBe(false);
  });

  it('requires the IEEE P1363 form for ECDSA: a DER signature fails', () => {
    const der = sign('sha256', data, p256.privateKey);
    expect(der.length).toBeGreaterThan(64);
    expect(verifyWithAlg('ecdsa-p256-sha256', p256.publicKey, data, der)).toBe(false);
  });

  it('A7 rejects wrong lengths without throwing', () => {
    const secret = createSecretKey(randomBytes(32));
    expect(verifyWithAlg('hmac-sha256', secret, data, Buffer.alloc(31))).toBe(false);
    expect(verifyWithAlg('hmac-sha256', secret, data, Buffer.alloc(0))).toBe(false);
    expect(verifyWithAlg('ed25519', ed.publicKey, data, Buffer.alloc(63))).toBe(false);
  });
});
