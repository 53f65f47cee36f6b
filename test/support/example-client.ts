import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll } from 'vitest';
import { ensureExamplesBuilt, startExample, type ExampleProcess } from './example-process.js';

/**
 * Starts a built HTTP example (it prints `MCP endpoint: <url>`) for the suite and connects the
 * official v1 client to it; both end after the suite. Read `client` inside tests.
 */
export function useExampleClient(script: string): { readonly client: Client } {
  let example: ExampleProcess | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    ensureExamplesBuilt(script);
    example = await startExample(script, /MCP endpoint: (\S+)/, { PORT: '0' });
    client = new Client({ name: 'examples-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(example.ready[1])));
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    example?.stop();
  });
  return {
    get client(): Client {
      if (!client) throw new Error(`${script} is not running`);
      return client;
    },
  };
}
