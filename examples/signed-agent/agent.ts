// node dist/examples/signed-agent/agent.js <private key file> [MCP endpoint] [note text]
// An agent: the official MCP client, with nest-mcp/agent's signing fetch. It needs neither
// Nest nor the server code: `nest-mcp/agent` imports only Node and a header codec.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readFileSync } from 'node:fs';
import type { JsonWebKey } from 'node:crypto';
import { createSignedFetch } from 'nest-mcp/agent';

const [keyFile, endpoint = 'http://127.0.0.1:3000/mcp', text = 'Hello from a signed agent'] =
  process.argv.slice(2);
if (!keyFile) throw new Error('usage: agent.js <private key file> [MCP endpoint] [note text]');
const key = JSON.parse(readFileSync(keyFile, 'utf8')) as {
  keyid: string;
  alg: 'ed25519';
  privateKeyJwk: JsonWebKey;
};

// Every request (initialize, calls, the GET stream, DELETE) is signed with a fresh nonce.
const fetch = createSignedFetch({ keyid: key.keyid, alg: key.alg, privateKey: key.privateKeyJwk });
const client = new Client({ name: 'notes-agent', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(endpoint), { fetch }));

const { tools } = await client.listTools(); // filtered to what this agent may call
console.log(`tools: ${tools.map((tool) => tool.name).join(', ')}`);
const added = await client.callTool({ name: 'notes_add', arguments: { text } });
console.log(`notes_add: ${JSON.stringify(added.content)}`);
const listed = await client.callTool({ name: 'notes_list', arguments: {} });
console.log(`notes_list: ${JSON.stringify(listed.content)}`);
await client.close();
