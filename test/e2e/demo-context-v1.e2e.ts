import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
  type ElicitRequest,
  type ElicitResult,
  type LoggingMessageNotification,
  type Progress,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TutorPracticeTools } from '../../src/demo/tutor/tutor-practice.tools.js';
import { TENSES } from '../../src/demo/tutor/verbs.data.js';
import { startDemoApp, type RunningApp } from '../support/demo-app.js';
import { quizAnswer } from '../support/quiz-answer.js';
import { expectTableCancelled } from '../support/cancel-table.js';
import { waitUntil } from '../support/wait-until.js';

/** Text of the first content block of a tool result. */
function text(result: object): string {
  const block = (result as { content: { type: string; text?: string }[] }).content[0];
  expect(block?.type).toBe('text');
  return block.text!;
}

/** How the test's user answers the next elicitation. */
type Reply = 'right' | 'wrong' | 'decline';

describe.each(['express', 'fastify'] as const)(
  'demo context features over the v1 SDK client (session era) on %s',
  (adapter) => {
    let demo: RunningApp;
    const clients: Client[] = [];
    let reply: Reply = 'right';
    const asked: ElicitRequest['params'][] = [];

    /** A connected v1 client; `elicitation` declares the capability and answers per `reply`. */
    async function connect(
      options: { elicitation?: boolean; fetch?: typeof fetch } = {},
    ): Promise<Client> {
      const client = new Client(
        { name: 'v1-context-e2e', version: '1.0.0' },
        { capabilities: options.elicitation ? { elicitation: {} } : {} },
      );
      if (options.elicitation) {
        client.setRequestHandler(ElicitRequestSchema, (request): ElicitResult => {
          asked.push(request.params);
          if (reply === 'decline') return { action: 'decline' };
          const answer = reply === 'right' ? quizAnswer(request.params.message) : 'goed';
          // A user types loosely: the server trims and lower-cases.
          return { action: 'accept', content: { answer: ` ${answer.toUpperCase()} ` } };
        });
      }
      clients.push(client);
      await client.connect(
        new StreamableHTTPClientTransport(new URL(demo.url), { fetch: options.fetch }),
      );
      return client;
    }

    beforeAll(async () => {
      demo = await startDemoApp({ adapter });
    });

    // Each client holds a GET stream open, and an anonymous address may hold only 5 at once.
    afterEach(async () => {
      reply = 'right';
      asked.length = 0;
      for (const client of clients.splice(0)) await client.close();
    });

    afterAll(async () => {
      await demo?.close();
    });

    describe('elicitation (quiz)', () => {
      it('asks the question through elicitation/create and grades the right answer', async () => {
        const client = await connect({ elicitation: true });
        const result = await client.callTool({ name: 'quiz', arguments: {} });
        expect(asked).toHaveLength(1);
        expect(asked[0].message).toMatch(/^What is the past simple of "[a-z]+" for "she"\?$/);
        expect(asked[0]).toMatchObject({
          requestedSchema: {
            type: 'object',
            properties: { answer: { type: 'string' } },
            required: ['answer'],
          },
        });
        expect(result.isError).toBeFalsy();
        expect(text(result)).toBe(`Correct: "she ${quizAnswer(asked[0].message)}".`);
      });

      it('grades a chosen verb and tense, and a wrong answer', async () => {
        const client = await connect({ elicitation: true });
        const right = await client.callTool({
          name: 'quiz',
          arguments: { verb: 'write', tense: 'present_perfect' },
        });
        expect(asked[0].message).toBe('What is the present perfect of "write" for "she"?');
        expect(text(right)).toBe('Correct: "she has written".');
        reply = 'wrong';
        const wrong = await client.callTool({ name: 'quiz', arguments: { verb: 'go' } });
        expect(text(wrong)).toBe('Not quite: "she went", not "goed".');
      });

      it('a declined question skips the quiz and tells the answer', async () => {
        const client = await connect({ elicitation: true });
        reply = 'decline';
        const result = await client.callTool({ name: 'quiz', arguments: { verb: 'eat' } });
        expect(asked).toHaveLength(1);
        expect(text(result)).toBe('Quiz skipped (decline). The answer was "ate".');
      });
    });

    describe('progress (conjugation_table)', () => {
      it('onprogress hears one increasing notification per tense, then the table', async () => {
        const client = await connect();
        const seen: Progress[] = [];
        const result = await client.callTool(
          { name: 'conjugation_table', arguments: { verb: 'go', pauseMs: 5 } },
          CallToolResultSchema,
          { onprogress: (progress) => seen.push(progress) },
        );
        expect(seen.length).toBeGreaterThanOrEqual(6);
        expect(seen.map((p) => p.progress)).toEqual(TENSES.map((_, i) => i + 1));
        for (const [i, p] of seen.entries()) {
          expect(p.total).toBe(TENSES.length);
          expect(p.message).toBe(TENSES[i]);
        }
        const table = text(result).split('\n');
        expect(table).toHaveLength(TENSES.length);
        expect(table[1]).toBe(
          'past simple: I went, you went, he/she/it went, we went, you went, they went',
        );
      });

      it('without onprogress the call carries no token and the result still arrives', async () => {
        const client = await connect();
        const result = await client.callTool({
          name: 'conjugation_table',
          arguments: { verb: 'eat' },
        });
        expect(text(result)).toContain('present perfect: I have eaten');
      });
    });

    describe('logging', () => {
      it('without logging/setLevel the server sends no log messages', async () => {
        const client = await connect();
        const logs: LoggingMessageNotification['params'][] = [];
        client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
          logs.push(n.params);
        });
        const result = await client.callTool({
          name: 'conjugation_table',
          arguments: { verb: 'see' },
        });
        expect(text(result)).toContain('past simple: I saw');
        expect(logs).toEqual([]);
      });

      it('after setLevel(info) each tense is logged; above the threshold nothing is', async () => {
        const client = await connect();
        const logs: LoggingMessageNotification['params'][] = [];
        client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
          logs.push(n.params);
        });
        await client.setLoggingLevel('info');
        await client.callTool({ name: 'conjugation_table', arguments: { verb: 'see' } });
        expect(logs).toEqual(
          TENSES.map((tense) => ({
            level: 'info',
            logger: 'tutor',
            data: `conjugated see in the ${tense.replace('_', ' ')}`,
          })),
        );
        logs.length = 0;
        await client.setLoggingLevel('warning');
        await client.callTool({ name: 'conjugation_table', arguments: { verb: 'see' } });
        expect(logs).toEqual([]);
      });
    });

    describe('cancellation', () => {
      it('aborting the call rejects it and stops the table on the server', async () => {
        const client = await connect();
        await expectTableCancelled(demo.app.get(TutorPracticeTools), (args, signal) =>
          client.callTool({ name: 'conjugation_table', arguments: args }, CallToolResultSchema, {
            signal,
          }),
        );
        // The session is still usable after a cancel.
        expect(
          text(
            await client.callTool({
              name: 'conjugate',
              arguments: { verb: 'go', tense: 'past_simple', person: '1sg' },
            }),
          ),
        ).toBe('went');
      });
    });

    describe('resource subscription (tutor://progress)', () => {
      it('resources/subscribe, then a graded answer → notifications/resources/updated', async () => {
        let getStreamOpen!: () => void;
        const streamOpen = new Promise<void>((resolve) => (getStreamOpen = resolve));
        // Watches for the standalone GET stream the v1 transport opens after initialize.
        const watchingFetch: typeof fetch = async (input, init) => {
          const response = await fetch(input, init);
          if ((init?.method ?? 'GET') === 'GET' && response.status === 200) getStreamOpen();
          return response;
        };
        const client = await connect({ fetch: watchingFetch });
        expect(client.getServerCapabilities()?.resources?.subscribe).toBe(true);
        const updated: string[] = [];
        client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
          updated.push(n.params.uri);
        });
        await expect(client.subscribeResource({ uri: 'tutor://progress' })).resolves.toEqual({});
        await streamOpen;
        const before = JSON.parse(
          (
            (await client.readResource({ uri: 'tutor://progress' })).contents[0] as {
              text: string;
            }
          ).text,
        ) as { checked: number; correct: number };

        const checked = await client.callTool({
          name: 'check_conjugation',
          arguments: { verb: 'go', tense: 'past_simple', person: '1pl', answer: 'went' },
        });
        expect(text(checked)).toBe('Correct: "we went".');
        await waitUntil(() => updated.length > 0, 'notifications/resources/updated');
        expect(updated).toEqual(['tutor://progress']);
        const after = JSON.parse(
          (
            (await client.readResource({ uri: 'tutor://progress' })).contents[0] as {
              text: string;
            }
          ).text,
        ) as { checked: number; correct: number };
        expect(after).toEqual({ checked: before.checked + 1, correct: before.correct + 1 });

        // After unsubscribing, grading no longer notifies this session.
        await client.unsubscribeResource({ uri: 'tutor://progress' });
        await client.callTool({
          name: 'check_conjugation',
          arguments: { verb: 'go', tense: 'past_simple', person: '1pl', answer: 'goed' },
        });
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(updated).toEqual(['tutor://progress']);
      });
    });
  },
);
