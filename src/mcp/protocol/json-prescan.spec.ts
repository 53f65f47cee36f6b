import { describe, expect, it } from 'vitest';
import { prescanJson } from './json-prescan.js';
import { parseMessage } from './message.parser.js';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('parseMessage pre-scan (before JSON.parse)', () => {
  it('refuses a 0.9 MiB body of nested arrays in a few milliseconds, not hundreds', () => {
    const hostile = Buffer.from(nested(450_000));
    const started = performance.now();
    const outcome = parseMessage(hostile);
    const elapsed = performance.now() - started;
    expect('error' in outcome && outcome.error.code).toBe(-32600);
    expect(elapsed).toBeLessThan(30);
  });

  it('refuses 200k tokens cheaply and counts nothing inside strings', () => {
    const tokens = `{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":[${'1,'.repeat(200_000)}1]}}`;
    expect('error' in parseMessage(tokens)).toBe(true);
    const deepInString = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      params: { s: '['.repeat(100_000) + '{'.repeat(1000) + '\\"' },
    });
    const outcome = parseMessage(deepInString);
    expect('parsed' in outcome).toBe(true);
  });

  it('judges small bodies by their bracket count, and walks only the ones that could break a limit', () => {
    const limits = { maxDepth: 4, maxTokens: 1_000 };
    expect(prescanJson('[[[[]]]]', limits)).toBeUndefined();
    expect(prescanJson('[[[[[]]]]]', limits)).toBe('nesting too deep');
    // Five openers, depth two: the walk decides, and finds nothing wrong.
    expect(prescanJson('[[],[],[],[]]', limits)).toBeUndefined();
    expect(prescanJson('["[[[[[["]', limits)).toBeUndefined();
    expect(prescanJson(`[${'1,'.repeat(600)}1]`, { maxDepth: 4, maxTokens: 500 })).toBe(
      'too many values',
    );
    expect(prescanJson(`"${'x'.repeat(600)}"`, { maxDepth: 4, maxTokens: 500 })).toBeUndefined();
  });
});
