#!/usr/bin/env node
// npm run keygen -- --keyid NAME [--scopes a,b] [--roles r] [--principal ID] [--alg ed25519|hmac-sha256] [--file PATH]
// Writes the private key to config/keys/<keyid>.private.json (git-ignored, mode 0600) and adds the
// public key to the agent key file the demo reads (MCP_AGENT_KEYS, default config/agent-keys.json).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    keyid: { type: 'string' },
    principal: { type: 'string' },
    scopes: { type: 'string', default: '' },
    roles: { type: 'string', default: '' },
    alg: { type: 'string', default: 'ed25519' },
    file: { type: 'string', default: process.env.MCP_AGENT_KEYS ?? 'config/agent-keys.json' },
    out: { type: 'string', default: 'config/keys' },
  },
});
if (!values.keyid || !/^[A-Za-z0-9._:~-]{1,128}$/.test(values.keyid)) {
  console.error(
    'Usage: npm run keygen -- --keyid NAME [--scopes a,b] [--roles r] [--alg ed25519|hmac-sha256]',
  );
  process.exit(2);
}
const list = (s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const entry = {
  keyid: values.keyid,
  principal: values.principal ?? values.keyid.split('.')[0],
  alg: values.alg,
  scopes: list(values.scopes),
  roles: list(values.roles),
  status: 'active',
};
let secretMaterial;
if (values.alg === 'ed25519') {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  entry.publicKeyJwk = publicKey.export({ format: 'jwk' });
  secretMaterial = {
    keyid: entry.keyid,
    alg: 'ed25519',
    privateKeyJwk: privateKey.export({ format: 'jwk' }),
  };
} else if (values.alg === 'hmac-sha256') {
  const secret = randomBytes(32).toString('base64url');
  entry.secret = secret;
  secretMaterial = { keyid: entry.keyid, alg: 'hmac-sha256', secret };
} else {
  console.error(`Unsupported --alg ${values.alg} (ed25519 or hmac-sha256)`);
  process.exit(2);
}

const keyFile = resolve(values.file);
const doc = existsSync(keyFile) ? JSON.parse(readFileSync(keyFile, 'utf8')) : { keys: [] };
doc.keys = doc.keys.filter((k) => k.keyid !== entry.keyid).concat(entry);
mkdirSync(dirname(keyFile), { recursive: true });
writeFileSync(keyFile, `${JSON.stringify(doc, null, 2)}\n`);

const privateFile = resolve(values.out, `${entry.keyid}.private.json`);
mkdirSync(dirname(privateFile), { recursive: true });
writeFileSync(privateFile, `${JSON.stringify(secretMaterial, null, 2)}\n`, { mode: 0o600 });
chmodSync(privateFile, 0o600);
console.error(
  `Added ${entry.keyid} (principal ${entry.principal}, scopes [${entry.scopes.join(', ')}]) to ${keyFile}`,
);
console.error(`Private key written to ${privateFile} — keep it secret; it is git-ignored.`);
