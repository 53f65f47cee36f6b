import { describe, expect, it } from 'vitest';
import { buildTool } from '../registry/entry.factory.js';
import { normalizeToolResult, toolError } from './tool-result.normalizer.js';

const src = { site: 'Spec#tool', handler: async () => undefined, isPublic: false };
const plain = buildTool({ name: 'plain' }, src);
const typed = buildTool(
  {
    name: 'typed',
    outputSchema: { type: 'object', properties: { form: { type: 'string' } }, required: ['form'] },
  },
  src,
);

describe('normalizeToolResult', () => {
  it('passes a full CallToolResult through untouched', async () => {
    const result = { content: [{ type: 'text', text: 'hi' }], isError: true, _meta: { a: 1 } };
    expect(await normalizeToolResult(result, typed)).toBe(result);
  });

  it('turns a string into one text block', async () => {
    expect(await normalizeToolResult('hablé', plain)).toEqual({
      content: [{ type: 'text', text: 'hablé' }],
    });
  });

  it('turns undefined and null into empty content', async () => {
    expect(await normalizeToolResult(undefined, plain)).toEqual({ content: [] });
    expect(await normalizeToolResult(null, plain)).toEqual({ content: [] });
  });

  it('serialises other values as JSON text, without structuredContent when no outputSchema', async () => {
    expect(await normalizeToolResult({ form: 'hablé' }, plain)).toEqual({
      content: [{ type: 'text', text: '{"form":"hablé"}' }],
    });
    expect(await normalizeToolResult(42, plain)).toEqual({
      content: [{ type: 'text', text: '42' }],
    });
    expect(await normalizeToolResult([1, 2], plain)).toEqual({
      content: [{ type: 'text', text: '[1,2]' }],
    });
  });

  it('adds structuredContent, in its JSON form, when an outputSchema is declared and matches', async () => {
    const value = { form: 'hablé', at: new Date(0), skipped: undefined };
    const result = await normalizeToolResult(value, typed);
    expect(result.structuredContent).toEqual({ form: 'hablé', at: '1970-01-01T00:00:00.000Z' });
    expect(result.content).toEqual([
      { type: 'text', text: JSON.stringify(result.structuredContent) },
    ]);
    expect(result.isError).toBeUndefined();
  });

  it('answers an isError result naming the tool when the output breaks its schema', async () => {
    const result = await normalizeToolResult({ form: 3 }, typed);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(result.content[0].text).toMatch(
      /^Tool typed returned output that does not match its outputSchema: \/form must be string/,
    );
  });

  // Core bug (reported): the JSON round trip throws a TypeError (BigInt, cycles) that escapes
  // ToolsHandler's try/catch and becomes a JSON-RPC -32603 instead of an isError tool result.
  it('reports a value that cannot be serialised as a tool error', async () => {
    const result = await normalizeToolResult({ big: 1n }, plain);
    expect(result.isError).toBe(true);
  });
});

describe('toolError', () => {
  it('builds an isError result with the message as text', () => {
    expect(toolError('nope')).toEqual({ content: [{ type: 'text', text: 'nope' }], isError: true });
  });
});
