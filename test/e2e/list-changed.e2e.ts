import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpRegistry } from '../../src/mcp/index.js';
import { startDemoApp, type RunningApp } from '../support/demo-app.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * The runtime registry API: entries added or removed while clients are connected show up in
 * their lists, and session-era clients hear `list_changed` on their GET stream.
 */
describe('runtime list changes reach session-era clients (v1 SDK client)', () => {
  let demo: RunningApp;
  let client: Client;
  let registry: McpRegistry;
  const heard: string[] = [];

  beforeAll(async () => {
    demo = await startDemoApp();
    registry = demo.app.get(McpRegistry);
    client = new Client({ name: 'list-changed-e2e', version: '1.0.0' });
    client.setNotificationHandler(
      ToolListChangedNotificationSchema,
      (n) => void heard.push(n.method),
    );
    client.setNotificationHandler(
      PromptListChangedNotificationSchema,
      (n) => void heard.push(n.method),
    );
    client.setNotificationHandler(
      ResourceListChangedNotificationSchema,
      (n) => void heard.push(n.method),
    );
    await client.connect(new StreamableHTTPClientTransport(new URL(demo.url)));
    // The v1 transport opens its GET stream right after initialize; give it a moment to be live.
    await new Promise((resolve) => setTimeout(resolve, 200));
  });

  afterAll(async () => {
    await client?.close();
    await demo?.close();
  });

  it('a tool registered at run time is listed, callable, announced; removing it is announced too', async () => {
    registry.registerTool(
      {
        name: 'echo_upper',
        description: 'Upper-cases its text',
        inputSchema: {
          type: 'object',
          properties: { text: { type: 'string' } },
          required: ['text'],
        },
      },
      (args: { text: string }) => args.text.toUpperCase(),
      { public: true },
    );
    await waitUntil(() => heard.includes('notifications/tools/list_changed'), 'tools/list_changed');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('echo_upper');
    const result = await client.callTool({ name: 'echo_upper', arguments: { text: 'hola' } });
    expect(result.content).toEqual([{ type: 'text', text: 'HOLA' }]);

    heard.length = 0;
    expect(registry.remove('tools', 'echo_upper')).toBe(true);
    await waitUntil(
      () => heard.includes('notifications/tools/list_changed'),
      'the second tools/list_changed',
    );
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('echo_upper');
    const gone = await client
      .callTool({ name: 'echo_upper', arguments: { text: 'x' } })
      .catch((e: unknown) => e);
    expect((gone as { code?: number }).code).toBe(-32602);
  });

  it('prompts and resources announce their own list kinds', async () => {
    heard.length = 0;
    registry.registerPrompt({ name: 'greet_prompt', description: 'Say hello' }, () => 'Hello!', {
      public: true,
    });
    registry.registerResource(
      { uri: 'tutor://motd', name: 'motd', mimeType: 'text/plain' },
      () => 'Practice daily.',
      { public: true },
    );
    await waitUntil(
      () =>
        heard.includes('notifications/prompts/list_changed') &&
        heard.includes('notifications/resources/list_changed'),
      'prompts and resources list_changed',
    );
    expect(heard).not.toContain('notifications/tools/list_changed');
    const { contents } = await client.readResource({ uri: 'tutor://motd' });
    expect(contents[0]).toMatchObject({ uri: 'tutor://motd', text: 'Practice daily.' });
    const prompt = await client.getPrompt({ name: 'greet_prompt' });
    expect(prompt.messages[0]?.content).toEqual({ type: 'text', text: 'Hello!' });
  });
});
