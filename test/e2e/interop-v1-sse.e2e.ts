import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_TOOLS, startDemoApp, type RunningApp } from '../support/demo-app.js';
import { CONJUGATE_CALL, LOOKUP_SPANISH_CALL, onlyText, TUTOR_TOOLS } from '../support/interop.js';
import { open } from '../support/wire/http.client.js';
import { SseReader } from '../support/sse-reader.js';

describe.each(['express', 'fastify'] as const)(
  'interop: v1 SDK client over the legacy HTTP+SSE transport on %s',
  (adapter) => {
    let demo: RunningApp;
    let client: Client;

    beforeAll(async () => {
      demo = await startDemoApp({ adapter });
      client = new Client({ name: 'interop-v1-sse', version: '1.0.0' });
      await client.connect(new SSEClientTransport(new URL(`${demo.origin}/sse`)));
    });

    afterAll(async () => {
      await client?.close();
      await demo?.close();
    });

    it('GET /sse opens with an endpoint event naming /messages?sessionId=…', async () => {
      const stream = await open(`${demo.origin}/sse`, { headers: { accept: 'text/event-stream' } });
      try {
        expect(stream.res.statusCode).toBe(200);
        expect(stream.res.headers['content-type']).toMatch(/^text\/event-stream/);
        const first = await new SseReader(stream.res).next();
        expect(first.event).toBe('endpoint');
        expect(first.data).toMatch(/^\/messages\?sessionId=[\x21-\x7e]+$/);
      } finally {
        stream.abort();
      }
    });

    it('initializes and learns who the server is', () => {
      expect(client.getServerVersion()).toMatchObject({ name: 'nest-mcp-demo', version: '0.1.0' });
      expect(client.getServerCapabilities()).toMatchObject({ tools: {} });
    });

    it('lists the demo tools', async () => {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name).sort();
      expect(names).toEqual(expect.arrayContaining(TUTOR_TOOLS));
      expect(names).toEqual(DEMO_PUBLIC_TOOLS);
    });

    it('conjugate: eat, past_simple, 3sg → "ate"', async () => {
      const result = await client.callTool(CONJUGATE_CALL.params);
      expect(onlyText(result)).toBe(CONJUGATE_CALL.expected);
    });

    it('lookup_spanish: ate → "comió"', async () => {
      const result = await client.callTool(LOOKUP_SPANISH_CALL.params);
      expect(onlyText(result)).toBe(LOOKUP_SPANISH_CALL.expected);
    });
  },
);
