// node dist/examples/signed-agent/keygen.js [--dir keys] [--keyid notes-bot.2026-11] [--scopes notes:write]
// Makes an ed25519 key pair for one agent: the private half for the agent, the public half
// (a JWK) added to the key file the server reads. The private file never goes to the server.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { McpKeyEntry } from 'nest-mcp';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'examples/signed-agent/keys' },
    keyid: { type: 'string', default: 'notes-bot.2026-11' },
    scopes: { type: 'string', default: 'notes:write' },
  },
});
const { dir, keyid, scopes } = values;

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const entry: McpKeyEntry = {
  keyid,
  principal: keyid.split('.')[0], // one principal may own several keys (rotation)
  alg: 'ed25519',
  publicKeyJwk: publicKey.export({ format: 'jwk' }),
  scopes: scopes.split(',').filter(Boolean),
};

mkdirSync(dir, { recursive: true });
const keyFile = join(dir, 'agent-keys.json');
const doc = existsSync(keyFile)
  ? (JSON.parse(readFileSync(keyFile, 'utf8')) as { keys: McpKeyEntry[] })
  : { keys: [] };
doc.keys = [...doc.keys.filter((key) => key.keyid !== keyid), entry];
writeFileSync(keyFile, `${JSON.stringify(doc, null, 2)}\n`);

const privateFile = join(dir, `${keyid}.private.json`);
const privateKeyJwk = privateKey.export({ format: 'jwk' });
writeFileSync(privateFile, JSON.stringify({ keyid, alg: 'ed25519', privateKeyJwk }), {
  mode: 0o600,
});
console.log(`server key file: ${keyFile}\nagent private key: ${privateFile}`);
