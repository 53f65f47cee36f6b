import { describe, expect, it } from 'vitest';
import { normalizePromptResult } from './prompt-result.normalizer.js';

const user = (text: string) => ({ role: 'user', content: { type: 'text', text } });

describe('normalizePromptResult', () => {
  it('turns a string into one user text message, with the description when given', () => {
    expect(normalizePromptResult('Conjugate ir', 'Drill')).toEqual({
      description: 'Drill',
      messages: [user('Conjugate ir')],
    });
    expect(normalizePromptResult('x')).toEqual({ messages: [user('x')] });
  });

  it('takes an array as the messages, dropping entries that are not messages', () => {
    const assistant = { role: 'assistant', content: { type: 'text', text: 'fui' } };
    expect(normalizePromptResult([user('a'), 'stray', { role: 'user' }, assistant, null])).toEqual({
      messages: [user('a'), assistant],
    });
  });

  it('passes a { messages } object through, its own description winning', () => {
    const value = { description: 'own', messages: [user('a')], _meta: { k: 1 } };
    expect(normalizePromptResult(value, 'declared')).toEqual(value);
    expect(normalizePromptResult({ messages: [] }, 'declared')).toEqual({
      description: 'declared',
      messages: [],
    });
  });

  it.each([
    ['undefined', undefined],
    ['a number', 1],
    ['an object without messages', { text: 'x' }],
    ['messages that are not an array', { messages: 'x' }],
  ])('refuses %s with a message saying what to return', (_label, value) => {
    expect(() => normalizePromptResult(value)).toThrow(
      'A prompt handler must return a string, an array of messages or { messages }',
    );
  });
});
