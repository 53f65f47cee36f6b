// fastmcp as installed from npm (bench/peers/node_modules), serving the same conjugation logic with
// a zod schema over its httpStream transport (stateful, JSON responses).
import { createServer } from 'node:net';
import { FastMCP } from 'fastmcp';
import { z } from 'zod';
import { ConjugationService } from '../../dist/src/demo/tutor/conjugation.service.js';
import { PERSONS, TENSES } from '../../dist/src/demo/tutor/verbs.data.js';
import { serveChild } from '../servers/child.mjs';

const conjugation = new ConjugationService();
// Its per-session info lines would flood the bench's report (stdout): errors only.
const quiet = () => undefined;
const logger = { debug: quiet, info: quiet, log: quiet, warn: quiet, error: console.error };
const server = new FastMCP({ name: 'fastmcp', version: '0.0.0', logger });
server.addTool({
  name: 'conjugate',
  description: 'Conjugate an English verb in a tense and person',
  parameters: z.object({
    verb: z.string().regex(/^[a-zA-Z]+$/),
    tense: z.enum(TENSES),
    person: z.enum(PERSONS),
  }),
  annotations: { readOnlyHint: true },
  execute: async ({ verb, tense, person }) => conjugation.conjugate(verb, tense, person),
});

/** fastmcp takes a fixed port: borrow a free one from the OS first. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

await serveChild(async () => {
  const port = await freePort();
  await server.start({
    transportType: 'httpStream',
    httpStream: {
      port,
      host: '127.0.0.1',
      endpoint: '/mcp',
      enableJsonResponse: true,
      stateless: process.env.BENCH_STATELESS === '1',
    },
  });
  return port;
});
