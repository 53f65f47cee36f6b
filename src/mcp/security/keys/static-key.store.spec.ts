import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyConfigError } from './key-config.error.js';
import type { McpKeyEntry } from './key-entry.interface.js';
import { StaticKeyStore } from './static-key.store.js';

const ed = generateKeyPairSync('ed25519');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const edJwk = ed.publicKey.export({ format: 'jwk' });
const entry = (extra: Partial<McpKeyEntry> = {}): McpKeyEntry => ({
  keyid: 'agent-42.2026-09',
  principal: 'agent-42',
  alg: 'ed25519',
  publicKeyJwk: edJwk,
  scopes: ['tools:read'],
  ...extra,
});

describe('StaticKeyStore', () => {
  it('loads ed25519, ecdsa and hmac entries and finds them by keyid', async () => {
    const store = StaticKeyStore.fromConfig([
      entry({ notAfter: '2030-01-01T00:00:00Z', status: 'retiring', roles: ['bot'] }),
      entry({
        keyid: 'ec',
        alg: 'ecdsa-p256-sha256',
        publicKeyJwk: ec.publicKey.export({ format: 'jwk' }),
      }),
      entry({
        keyid: 'mac',
        alg: 'hmac-sha256',
        publicKeyJwk: undefined,
        secret: randomBytes(32).toString('base64url'),
      }),
    ]);
    const found = await store.findByKeyId('agent-42.2026-09');
    expect(found).toMatchObject({
      principalId: 'agent-42',
      alg: 'ed25519',
      status: 'retiring',
      roles: ['bot'],
    });
    expect(found?.notAfter?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(found?.key.type).toBe('public');
    expect((await store.findByKeyId('mac'))?.key.type).toBe('secret');
    expect((await store.findByKeyId('ec'))?.alg).toBe('ecdsa-p256-sha256');
    expect(await store.findByKeyId('nobody')).toBeNull();
  });

  it.each([
    ['a bad keyid', entry({ keyid: 'has space' }), /keyid/],
    ['no principal', entry({ principal: '' }), /principal/],
    ['an unknown alg', entry({ alg: 'rsa-v1_5-sha256' as never }), /alg/],
    [
      'a private JWK',
      entry({ publicKeyJwk: ed.privateKey.export({ format: 'jwk' }) }),
      /private key material/,
    ],
    [
      'an EC key declared ed25519',
      entry({ publicKeyJwk: ec.publicKey.export({ format: 'jwk' }) }),
      /not a valid ed25519/,
    ],
    [
      'a 16-byte hmac secret',
      entry({
        alg: 'hmac-sha256',
        publicKeyJwk: undefined,
        secret: randomBytes(16).toString('base64url'),
      }),
      /32 bytes/,
    ],
    ['an hmac key given as JWK', entry({ alg: 'hmac-sha256' }), /secret/],
    ['a bad date', entry({ notBefore: 'tomorrow' }), /notBefore/],
    [
      'notBefore after notAfter',
      entry({ notBefore: '2030-01-01', notAfter: '2029-01-01' }),
      /precede/,
    ],
    ['a bad status', entry({ status: 'paused' as never }), /status/],
    ['scopes missing', entry({ scopes: undefined as never }), /scopes/],
  ])('rejects %s with a KeyConfigError naming the entry', (_case, bad, message) => {
    expect(() => StaticKeyStore.fromConfig([bad])).toThrow(KeyConfigError);
    expect(() => StaticKeyStore.fromConfig([bad])).toThrow(message);
    expect(() => StaticKeyStore.fromConfig([bad])).toThrow(/#0/);
  });

  it('rejects duplicate keyids', () => {
    expect(() => StaticKeyStore.fromConfig([entry(), entry()])).toThrow(/configured twice/);
  });

  it('reads {"keys":[…]} files and explains unreadable ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-keys-'));
    const good = join(dir, 'keys.json');
    writeFileSync(good, JSON.stringify({ keys: [entry()] }));
    expect(await StaticKeyStore.fromFile(good).findByKeyId('agent-42.2026-09')).not.toBeNull();
    const noArray = join(dir, 'bad.json');
    writeFileSync(noArray, '{"key":[]}');
    expect(() => StaticKeyStore.fromFile(noArray)).toThrow(/no "keys" array/);
    expect(() => StaticKeyStore.fromFile(join(dir, 'missing.json'))).toThrow(
      /Cannot load signing keys/,
    );
  });
});
