// What people would otherwise use: the official SDK's McpServer and
// StreamableHTTPServerTransport (JSON responses) behind plain node:http, registering the same
// conjugation logic. Session era: one server + transport per session, as the SDK's examples
// do. No session id: the SDK's stateless mode, a new server + transport per request (the SDK
// refuses to reuse a stateless transport).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ConjugationService } from '../../dist/src/demo/tutor/conjugation.service.js';
import { PERSONS, TENSES } from '../../dist/src/demo/tutor/verbs.data.js';
import { serveChild } from './child.mjs';

const conjugation = new ConjugationService();
const sessions = new Map();

function buildServer() {
  const server = new McpServer({ name: 'sdk', version: '0.0.0' });
  server.registerTool(
    'conjugate',
    {
      description: 'Conjugate an English verb in a tense and person',
      inputSchema: {
        verb: z.string().regex(/^[a-zA-Z]+$/),
        tense: z.enum(TENSES),
        person: z.enum(PERSONS),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ verb, tense, person }) => ({
      content: [{ type: 'text', text: conjugation.conjugate(verb, tense, person) }],
    }),
  );
  return server;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function handle(req, res) {
  if (req.method !== 'POST' || req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  const body = await readJson(req);
  const sessionId = req.headers['mcp-session-id'];
  if (typeof sessionId === 'string') {
    const transport = sessions.get(sessionId);
    if (!transport) {
      res.writeHead(404).end();
      return;
    }
    await transport.handleRequest(req, res, body);
    return;
  }
  if (isInitializeRequest(body)) {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (id) => sessions.set(id, transport),
    });
    await buildServer().connect(transport);
    await transport.handleRequest(req, res, body);
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  const server = buildServer();
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}

await serveChild(
  () =>
    new Promise((resolve) => {
      const http = createServer((req, res) => {
        handle(req, res).catch((error) => {
          console.error(error);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
      http.listen(0, '127.0.0.1', () => resolve(http.address().port));
    }),
);
