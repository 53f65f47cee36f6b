import { describe, expect, it } from 'vitest';
import { InputRequiredSignal } from './input-required.signal.js';
import { McpError } from '../protocol/mcp.error.js';
import { InputCollector } from './input-collector.js';

const form = { message: 'Which tense?', requestedSchema: { type: 'object', properties: {} } };

describe('InputCollector', () => {
  it('answers a question from the retry answers', async () => {
    const answer = { action: 'accept', content: { tense: 'preterite' } };
    const collector = new InputCollector({ tense: answer });
    await expect(collector.ask('elicitation/create', form, 'tense')).resolves.toBe(answer);
  });

  it.each([
    ['null', null],
    ['a string', 'accept'],
    ['an array', [{ action: 'accept' }]],
    ['a number', 1],
  ])('refuses %s as an answer with -32602 naming the key', async (_label, answer) => {
    const collector = new InputCollector({ tense: answer });
    const error = await collector.ask('elicitation/create', form, 'tense').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32602);
    expect((error as McpError).message).toBe('inputResponses.tense must be an object');
  });

  it('ends the run with an input-required signal naming the missing question', async () => {
    const collector = new InputCollector({});
    const error = await collector.ask('elicitation/create', form, 'tense').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputRequiredSignal);
    expect((error as InputRequiredSignal).inputRequests).toEqual({
      tense: { method: 'elicitation/create', params: form },
    });
  });

  it('gathers questions asked in parallel into ONE signal carrying both keys', async () => {
    const collector = new InputCollector({});
    const asked = [
      collector.ask('elicitation/create', form, 'tense'),
      collector.ask('sampling/createMessage', { messages: [], maxTokens: 10 }, 'hint'),
    ];
    const settled = await Promise.allSettled(asked);
    const reasons = settled.map((s) =>
      s.status === 'rejected' ? (s.reason as unknown) : undefined,
    );
    expect(reasons[0]).toBeInstanceOf(InputRequiredSignal);
    expect(reasons[1]).toBe(reasons[0]);
    expect((reasons[0] as InputRequiredSignal).inputRequests).toEqual({
      tense: { method: 'elicitation/create', params: form },
      hint: { method: 'sampling/createMessage', params: { messages: [], maxTokens: 10 } },
    });
    await expect(Promise.all(asked)).rejects.toBe(reasons[0]);
  });

  it('answers the known question and asks only for the missing one when mixed in parallel', async () => {
    const collector = new InputCollector({ roots_1: { roots: [{ uri: 'file:///tmp' }] } });
    const [roots, elicit] = await Promise.allSettled([
      collector.ask('roots/list', {}, 'roots_1'),
      collector.ask('elicitation/create', form, 'elicitation_2'),
    ]);
    expect(roots).toEqual({ status: 'fulfilled', value: { roots: [{ uri: 'file:///tmp' }] } });
    expect(elicit.status).toBe('rejected');
    expect(Object.keys((elicit as PromiseRejectedResult).reason.inputRequests as object)).toEqual([
      'elicitation_2',
    ]);
  });

  it('asks only for the question reached after answered ones in a sequential handler', async () => {
    const collector = new InputCollector({ first: { action: 'accept' } });
    const run = async () => {
      await collector.ask('elicitation/create', form, 'first');
      return collector.ask('elicitation/create', form, 'second');
    };
    const error = (await run().catch((e: unknown) => e)) as InputRequiredSignal;
    expect(error).toBeInstanceOf(InputRequiredSignal);
    expect(Object.keys(error.inputRequests)).toEqual(['second']);
  });
});
