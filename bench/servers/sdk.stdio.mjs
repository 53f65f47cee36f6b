// The official SDK's stdio server (McpServer + StdioServerTransport) with the same conjugation
// logic registered with zod: the stdio and cold-start rows compare against it.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { ConjugationService } from '../../dist/src/demo/tutor/conjugation.service.js';
import { PERSONS, TENSES } from '../../dist/src/demo/tutor/verbs.data.js';

const conjugation = new ConjugationService();
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
await server.connect(new StdioServerTransport());
