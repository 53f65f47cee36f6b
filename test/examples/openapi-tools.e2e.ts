import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignedFetch } from '../../src/mcp/agent/index.js';
import { freePort } from '../support/demo-app-at-port.js';
import {
  ensureExamplesBuilt,
  startExample,
  type ExampleProcess,
} from '../support/example-process.js';

const text = (result: Record<string, unknown>) => (result.content as { text: string }[])[0].text;

describe('examples/openapi-tools', () => {
  const keys = mkdtempSync(join(tmpdir(), 'nest-mcp-openapi-'));
  const agentKey = generateKeyPairSync('ed25519');
  let api: ExampleProcess;
  let mcp: ExampleProcess;
  let anonymous: Client;
  let signed: Client;

  beforeAll(async () => {
    ensureExamplesBuilt('openapi-tools/pets-api.js', 'openapi-tools/main.js');
    const keyFile = join(keys, 'agent-keys.json');
    const publicKeyJwk = agentKey.publicKey.export({ format: 'jwk' });
    const entry = { keyid: 'pets-bot', principal: 'pets-bot', alg: 'ed25519', publicKeyJwk };
    writeFileSync(keyFile, JSON.stringify({ keys: [{ ...entry, scopes: [] }] }));
    api = await startExample('openapi-tools/pets-api.js', /Pets API: (\S+)/, { PETS_PORT: '0' });
    const port = await freePort();
    mcp = await startExample('openapi-tools/main.js', /MCP endpoint: (\S+)/, {
      PORT: String(port),
      OPENAPI_URL: `${api.ready[1]}/openapi.json`,
      API_BASE_URL: api.ready[1],
      MCP_AGENT_KEYS: keyFile,
    });
    const url = new URL(mcp.ready[1]);
    anonymous = new Client({ name: 'anonymous', version: '1.0.0' });
    await anonymous.connect(new StreamableHTTPClientTransport(url));
    const fetch = createSignedFetch({
      keyid: 'pets-bot',
      alg: 'ed25519',
      privateKey: agentKey.privateKey,
    });
    signed = new Client({ name: 'pets-bot', version: '1.0.0' });
    await signed.connect(new StreamableHTTPClientTransport(url, { fetch }));
  }, 120_000);
  afterAll(async () => {
    await anonymous?.close();
    await signed?.close();
    mcp?.stop();
    api?.stop();
    rmSync(keys, { recursive: true, force: true });
  });

  it('registers one tool per operation, with dereferenced input schemas', async () => {
    const { tools } = await signed.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(Object.keys(byName).sort()).toEqual(['createPet', 'getPet', 'listPets']);
    expect(byName.listPets.description).toBe('List pets, optionally of one species');
    expect(byName.listPets.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.listPets.inputSchema).toMatchObject({
      properties: { species: { type: 'string', enum: ['cat', 'dog', 'parrot'] } },
      required: [],
      additionalProperties: false,
    });
    expect(byName.getPet.inputSchema).toMatchObject({
      properties: { id: { type: 'number' } },
      required: ['id'],
    });
    expect(byName.createPet.inputSchema).toMatchObject({
      required: ['body'],
      properties: {
        body: {
          required: ['name', 'species'],
          properties: {
            species: { allOf: [{ enum: ['cat', 'dog', 'parrot'] }] },
            age: { maximum: 60 },
          },
        },
      },
    });
    expect(JSON.stringify(tools)).not.toContain('$ref');
  });

  it('anonymous callers read through the API, and see no write tool', async () => {
    const { tools } = await anonymous.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['getPet', 'listPets']);
    const cats = await anonymous.callTool({ name: 'listPets', arguments: { species: 'cat' } });
    expect(JSON.parse(text(cats))).toEqual([{ id: 1, name: 'Misu', species: 'cat', age: 3 }]);
    const missing = await anonymous.callTool({ name: 'getPet', arguments: { id: 99 } });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/^404 Not Found: .*No pet 99/);
  });

  it('arguments are validated against the operation before the API is called', async () => {
    const result = await anonymous.callTool({ name: 'listPets', arguments: { species: 'cow' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/species must be equal to one of the allowed values/);
  });

  it('a signed agent writes through the API', async () => {
    const created = await signed.callTool({
      name: 'createPet',
      arguments: { body: { name: 'Kiwi', species: 'parrot' } },
    });
    expect(created.isError).toBeFalsy();
    expect(JSON.parse(text(created))).toEqual({ id: 3, name: 'Kiwi', species: 'parrot' });
    const parrots = await signed.callTool({ name: 'listPets', arguments: { species: 'parrot' } });
    expect(JSON.parse(text(parrots))).toEqual([{ id: 3, name: 'Kiwi', species: 'parrot' }]);
  });
});
