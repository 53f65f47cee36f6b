import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TutorPracticeTools } from '../../src/demo/tutor/tutor-practice.tools.js';
import { TENSES } from '../../src/demo/tutor/verbs.data.js';
import { startDemoApp, type RunningApp } from '../support/demo-app.js';
import type { Wire } from '../support/wire/http.client.js';
import { statelessHeaders, statelessMessage } from '../support/wire/stateless.requests.js';
import { quizAnswer } from '../support/quiz-answer.js';
import { SseReader } from '../support/sse-reader.js';
import { expectTableCancelled } from '../support/cancel-table.js';
import { waitUntil } from '../support/wait-until.js';

const LOG_LEVEL = 'io.modelcontextprotocol/logLevel';
const SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';

function text(result: { content: unknown[] }): string {
  const block = result.content[0] as { type: string; text?: string } | undefined;
  expect(block?.type).toBe('text');
  return block!.text!;
}

/** How the test's user answers the next elicitation. */
type Reply = 'right' | 'decline';

interface ElicitParams {
  message: string;
  requestedSchema?: Wire;
}

describe.each(['express', 'fastify'] as const)(
  'demo context features over the v2 SDK client pinned to 2026-07-28 on %s',
  (adapter) => {
    let demo: RunningApp;
    const clients: Client[] = [];
    /** Bodies of every request the clients POSTed, in order. */
    const posted: Wire[] = [];
    let reply: Reply = 'right';
    const asked: ElicitParams[] = [];

    const observingFetch: typeof fetch = (input, init) => {
      if (typeof init?.body === 'string') posted.push(JSON.parse(init.body) as Wire);
      return fetch(input, init);
    };

    async function connect(options: { elicitation?: boolean } = {}): Promise<Client> {
      const client = new Client(
        { name: 'v2-context-e2e', version: '2.0.0' },
        {
          capabilities: options.elicitation ? { elicitation: {} } : {},
          versionNegotiation: { mode: { pin: '2026-07-28' } },
        },
      );
      if (options.elicitation) {
        client.setRequestHandler('elicitation/create', (request) => {
          const params = request.params as ElicitParams;
          asked.push(params);
          if (reply === 'decline') return { action: 'decline' };
          return { action: 'accept', content: { answer: quizAnswer(params.message) } };
        });
      }
      clients.push(client);
      await client.connect(
        new StreamableHTTPClientTransport(new URL(demo.url), { fetch: observingFetch }),
      );
      return client;
    }

    beforeAll(async () => {
      demo = await startDemoApp({ adapter });
    });

    afterEach(async () => {
      reply = 'right';
      asked.length = 0;
      posted.length = 0;
      for (const client of clients.splice(0)) await client.close();
    });

    afterAll(async () => {
      await demo?.close();
    });

    describe('elicitation (quiz) through input-required results', () => {
      it('the client answers from its elicitation handler and retries: "Correct"', async () => {
        const client = await connect({ elicitation: true });
        expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
        const result = await client.callTool({ name: 'quiz', arguments: {} });
        expect(asked).toHaveLength(1);
        expect(asked[0].message).toMatch(/^What is the past simple of "[a-z]+" for "she"\?$/);
        expect(asked[0].requestedSchema).toMatchObject({
          properties: { answer: { type: 'string' } },
          required: ['answer'],
        });
        expect(text(result)).toBe(`Correct: "she ${quizAnswer(asked[0].message)}".`);
        // Two rounds on the wire: the first call, then a retry with the answer and the state.
        const calls = posted.filter((body) => body.method === 'tools/call');
        expect(calls).toHaveLength(2);
        expect(calls[0].params.inputResponses).toBeUndefined();
        expect(calls[1].id).not.toBe(calls[0].id);
        expect(calls[1].params.inputResponses).toEqual({
          answer: { action: 'accept', content: { answer: quizAnswer(asked[0].message) } },
        });
        expect(typeof calls[1].params.requestState).toBe('string');
      });

      it('a chosen verb and tense', async () => {
        const client = await connect({ elicitation: true });
        const result = await client.callTool({
          name: 'quiz',
          arguments: { verb: 'speak', tense: 'past_perfect' },
        });
        expect(asked.map((a) => a.message)).toEqual([
          'What is the past perfect of "speak" for "she"?',
        ]);
        expect(text(result)).toBe('Correct: "she had spoken".');
      });

      it('a declined question skips the quiz', async () => {
        const client = await connect({ elicitation: true });
        reply = 'decline';
        const result = await client.callTool({ name: 'quiz', arguments: { verb: 'drink' } });
        expect(text(result)).toBe('Quiz skipped (decline). The answer was "drank".');
      });
    });

    describe('progress (conjugation_table)', () => {
      it('onprogress hears one increasing notification per tense', async () => {
        const client = await connect();
        const seen: { progress: number; total?: number; message?: string }[] = [];
        const result = await client.callTool(
          { name: 'conjugation_table', arguments: { verb: 'write', pauseMs: 5 } },
          { onprogress: (progress) => seen.push(progress) },
        );
        expect(seen.length).toBeGreaterThanOrEqual(6);
        expect(seen).toEqual(
          TENSES.map((tense, i) => ({ progress: i + 1, total: TENSES.length, message: tense })),
        );
        expect(text(result).split('\n')[4]).toBe(
          'present perfect: I have written, you have written, he/she/it has written, we have written, you have written, they have written',
        );
      });
    });

    describe('logging (the level travels per request in _meta)', () => {
      it('a request carrying io.modelcontextprotocol/logLevel gets the per-tense logs', async () => {
        const client = await connect();
        const logs: Wire[] = [];
        client.setNotificationHandler('notifications/message', (n) => {
          logs.push(n.params);
        });
        // The client has no per-request level setting; `_meta` keys given by the caller are
        // merged over its envelope.
        await client.callTool({
          name: 'conjugation_table',
          arguments: { verb: 'run' },
          _meta: { [LOG_LEVEL]: 'info' },
        });
        const call = posted.find((body) => body.method === 'tools/call')!;
        expect(call.params._meta[LOG_LEVEL]).toBe('info');
        expect(call.params._meta['io.modelcontextprotocol/protocolVersion']).toBe('2026-07-28');
        expect(logs).toEqual(
          TENSES.map((tense) => ({
            level: 'info',
            logger: 'tutor',
            data: `conjugated run in the ${tense.replace('_', ' ')}`,
          })),
        );
      });

      it('no level in _meta (or a stricter one) → no log messages', async () => {
        const client = await connect();
        const logs: Wire[] = [];
        client.setNotificationHandler('notifications/message', (n) => {
          logs.push(n.params);
        });
        const plain = await client.callTool({
          name: 'conjugation_table',
          arguments: { verb: 'run' },
        });
        expect(text(plain)).toContain('past simple: I ran');
        await client.callTool({
          name: 'conjugation_table',
          arguments: { verb: 'run' },
          _meta: { [LOG_LEVEL]: 'error' },
        });
        expect(logs).toEqual([]);
      });

      it('logging/setLevel is gone in this era: the client refuses it, the server 404s it', async () => {
        const client = await connect();
        const local = await client.setLoggingLevel('info').catch((e: unknown) => e);
        expect((local as { code?: unknown }).code).toBe('METHOD_NOT_SUPPORTED_BY_PROTOCOL_VERSION');
        const wire = await fetch(demo.url, {
          method: 'POST',
          headers: statelessHeaders('logging/setLevel'),
          body: JSON.stringify(statelessMessage('logging/setLevel', { level: 'info' }, { id: 3 })),
        });
        expect(wire.status).toBe(404);
        expect(((await wire.json()) as Wire).error.code).toBe(-32601);
      });
    });

    describe('cancellation', () => {
      it('aborting closes the response stream, which cancels the call on the server', async () => {
        const client = await connect();
        await expectTableCancelled(demo.app.get(TutorPracticeTools), (args, signal) =>
          client.callTool({ name: 'conjugation_table', arguments: args }, { signal }),
        );
        // The stateless handler answers notifications with a bare 202: only the closed stream
        // can have stopped the table. The client carries on with new calls.
        expect(
          text(
            await client.callTool({
              name: 'conjugate',
              arguments: { verb: 'go', tense: 'past_simple', person: '2sg' },
            }),
          ),
        ).toBe('went');
      });
    });

    describe('subscriptions/listen (tutor://progress)', () => {
      it("client.listen(): acknowledged, then a graded answer reaches the client's handler", async () => {
        const client = await connect();
        const updated: string[] = [];
        client.setNotificationHandler('notifications/resources/updated', (n) => {
          updated.push(n.params.uri);
        });
        const subscription = await client.listen({ resourceSubscriptions: ['tutor://progress'] });
        expect(subscription.honoredFilter).toEqual({ resourceSubscriptions: ['tutor://progress'] });
        const checked = await client.callTool({
          name: 'check_conjugation',
          arguments: { verb: 'take', tense: 'past_simple', person: '3pl', answer: 'took' },
        });
        expect(text(checked)).toBe('Correct: "they took".');
        await waitUntil(() => updated.length > 0, 'notifications/resources/updated');
        expect(updated).toEqual(['tutor://progress']);
        await subscription.close();
        await expect(subscription.closed).resolves.toBe('local');
      });

      it('on the wire: the acknowledgement first, then the update tagged with the subscription id', async () => {
        const controller = new AbortController();
        const listen = await fetch(demo.url, {
          method: 'POST',
          headers: statelessHeaders('subscriptions/listen'),
          body: JSON.stringify(
            statelessMessage(
              'subscriptions/listen',
              {
                notifications: { resourceSubscriptions: ['tutor://progress'] },
              },
              { id: 'listen-7' },
            ),
          ),
          signal: controller.signal,
        });
        try {
          expect(listen.status).toBe(200);
          expect(listen.headers.get('content-type')).toMatch(/^text\/event-stream/);
          const reader = new SseReader(listen.body!);
          expect(await reader.nextMessage()).toEqual({
            jsonrpc: '2.0',
            method: 'notifications/subscriptions/acknowledged',
            params: {
              _meta: { [SUBSCRIPTION_ID]: 'listen-7' },
              notifications: { resourceSubscriptions: ['tutor://progress'] },
            },
          });

          // Grading (even a wrong answer) changes the score: the very next frame is the update.
          const checked = await fetch(demo.url, {
            method: 'POST',
            headers: statelessHeaders('tools/call', 'check_conjugation'),
            body: JSON.stringify(
              statelessMessage(
                'tools/call',
                {
                  name: 'check_conjugation',
                  arguments: { verb: 'buy', tense: 'past_simple', person: '1sg', answer: 'buyed' },
                },
                { id: 8 },
              ),
            ),
          });
          expect(((await checked.json()) as Wire).result.content[0].text).toContain(
            'is "bought", not "buyed"',
          );
          expect(await reader.nextMessage()).toEqual({
            jsonrpc: '2.0',
            method: 'notifications/resources/updated',
            params: { uri: 'tutor://progress', _meta: { [SUBSCRIPTION_ID]: 'listen-7' } },
          });
          reader.stop();
        } finally {
          controller.abort();
        }
      });

      it('a listen stream that did not ask for the resource hears nothing of it', async () => {
        const controller = new AbortController();
        const listen = await fetch(demo.url, {
          method: 'POST',
          headers: statelessHeaders('subscriptions/listen'),
          body: JSON.stringify(
            statelessMessage(
              'subscriptions/listen',
              {
                notifications: { toolsListChanged: true },
              },
              { id: 41 },
            ),
          ),
          signal: controller.signal,
        });
        try {
          const reader = new SseReader(listen.body!);
          const ack = await reader.nextMessage();
          expect(ack.method).toBe('notifications/subscriptions/acknowledged');
          expect((ack.params as Wire)._meta).toEqual({ [SUBSCRIPTION_ID]: 41 });
          await fetch(demo.url, {
            method: 'POST',
            headers: statelessHeaders('tools/call', 'check_conjugation'),
            body: JSON.stringify(
              statelessMessage(
                'tools/call',
                {
                  name: 'check_conjugation',
                  arguments: { verb: 'buy', tense: 'past_simple', person: '1sg', answer: 'bought' },
                },
                { id: 9 },
              ),
            ),
          });
          await expect(reader.nextMessage(300)).rejects.toThrow(/no SSE event within 300 ms/);
          reader.stop();
        } finally {
          controller.abort();
        }
      });
    });
  },
);
