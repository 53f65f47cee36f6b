import { expect } from 'vitest';

/** The tutor's own tools, which every transport and every client must list. */
export const TUTOR_TOOLS = [
  'check_conjugation',
  'conjugate',
  'lookup_irregular_verb',
  'lookup_spanish',
];

/** A `tools/call` request's params and the text its result must carry. */
export interface ToolCallCase {
  params: { name: string; arguments: Record<string, string> };
  expected: string;
}

/** The two calls every interop cell makes, with the answers the demo must give. */
export const CONJUGATE_CALL: ToolCallCase = {
  params: { name: 'conjugate', arguments: { verb: 'eat', tense: 'past_simple', person: '3sg' } },
  expected: 'ate',
};

export const LOOKUP_SPANISH_CALL: ToolCallCase = {
  params: { name: 'lookup_spanish', arguments: { word: 'ate' } },
  expected: 'comió',
};

/** Text of the only content block of a successful tool result (fails on isError or other shapes). */
export function onlyText(result: Record<string, unknown>): string {
  expect(result.isError ?? false).toBe(false);
  const content = result.content as { type: string; text?: string }[];
  expect(content).toHaveLength(1);
  expect(content[0].type).toBe('text');
  return content[0].text ?? '';
}
