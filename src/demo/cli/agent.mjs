#!/usr/bin/env node
// npm run agent -- [--keyid NAME] [--url URL] call TOOL 'JSON'   |   npm run agent -- list
// Calls the demo as a signed agent with the official v1 SDK client and createSignedFetch.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createSignedFetch } from '../../../dist/src/mcp/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    keyid: { type: 'string' },
    url: {
      type: 'string',
      default: `${process.env.MCP_PUBLIC_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`}/mcp`,
    },
    keys: { type: 'string', default: 'config/keys' },
  },
});
const [command, tool, json] = positionals;
if (command !== 'call' && command !== 'list') {
  console.error('Usage: npm run agent -- call TOOL \'{"arg":1}\'  |  npm run agent -- list');
  process.exit(2);
}
const files = readdirSync(values.keys).filter((f) => f.endsWith('.private.json'));
const file = values.keyid ? `${values.keyid}.private.json` : files[0];
if (!file) {
  console.error(
    'No private key found: run `npm run keygen -- --keyid my-agent --scopes notes:write` first.',
  );
  process.exit(2);
}
const key = JSON.parse(readFileSync(resolve(values.keys, file), 'utf8'));
const signedFetch = createSignedFetch(
  key.alg === 'ed25519'
    ? { keyid: key.keyid, alg: 'ed25519', privateKey: key.privateKeyJwk }
    : { keyid: key.keyid, alg: key.alg, secret: key.secret },
);
const client = new Client({ name: 'nest-mcp-agent', version: '0.1.0' });
await client.connect(
  new StreamableHTTPClientTransport(new URL(values.url), { fetch: signedFetch }),
);
try {
  const result =
    command === 'list'
      ? await client.listTools()
      : await client.callTool({ name: tool, arguments: JSON.parse(json ?? '{}') });
  console.log(JSON.stringify(result, null, 2));
} catch (error) {
  console.error(`${error.name}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
