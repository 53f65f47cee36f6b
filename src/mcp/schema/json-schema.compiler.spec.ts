import { describe, expect, it } from 'vitest';
import { compileJsonSchema } from './json-schema.compiler.js';

const schema2020 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    kind: { enum: ['verb', 'noun'] },
    word: { $ref: '#word' },
    pair: { prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
  },
  required: ['kind', 'word'],
  if: { properties: { kind: { const: 'verb' } } },
  then: { required: ['tense'] },
  else: { not: { required: ['tense'] } },
  $defs: { word: { $anchor: 'word', type: 'string', minLength: 2 } },
  'x-vendor': { kept: true },
};

describe('compileJsonSchema', () => {
  it('keeps the schema verbatim for the wire, $defs and vendor keys included', () => {
    const snapshot = structuredClone(schema2020);
    const compiled = compileJsonSchema(schema2020);
    expect(compiled.jsonSchema).toBe(schema2020);
    expect(schema2020).toEqual(snapshot);
  });

  it('validates 2020-12 keywords: $anchor refs, prefixItems, if/then/else', async () => {
    const compiled = compileJsonSchema(schema2020);
    expect(await compiled.validate({ kind: 'verb', word: 'ir', tense: 'past' })).toMatchObject({
      ok: true,
    });
    expect(await compiled.validate({ kind: 'noun', word: 'casa', pair: ['a', 1] })).toMatchObject({
      ok: true,
    });
    expect(await compiled.validate({ kind: 'verb', word: 'ir' })).toMatchObject({ ok: false });
    expect(await compiled.validate({ kind: 'noun', word: 'casa', tense: 'past' })).toMatchObject({
      ok: false,
    });
    expect(await compiled.validate({ kind: 'noun', word: 'x' })).toMatchObject({ ok: false });
    expect(
      await compiled.validate({ kind: 'noun', word: 'casa', pair: ['a', 1, 2] }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('reports every error with its instance path', async () => {
    const compiled = compileJsonSchema({
      type: 'object',
      properties: { n: { type: 'integer' }, s: { type: 'string' } },
      required: ['r'],
    });
    const outcome = await compiled.validate({ n: 'x', s: 1 });
    expect(outcome.ok).toBe(false);
    const message = (outcome as { message: string }).message;
    expect(message).toContain("(root) must have required property 'r'");
    expect(message).toContain('/n must be integer');
    expect(message).toContain('/s must be string');
  });

  it('uses the draft-07 validator when $schema names draft-07', async () => {
    // Array-form `items` (a tuple) and `additionalItems` are draft-07; 2020-12 refuses the form.
    const draft07 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'string' }, { $ref: '#/definitions/id' }],
      additionalItems: false,
      definitions: { id: { type: 'integer' } },
    };
    const compiled = compileJsonSchema(draft07);
    expect(compiled.jsonSchema).toBe(draft07);
    expect(await compiled.validate(['a', 1])).toMatchObject({ ok: true });
    expect(await compiled.validate([1, 1])).toEqual({ ok: false, message: '/0 must be string' });
    expect(await compiled.validate(['a', 'b'])).toMatchObject({ ok: false });
    expect(await compiled.validate(['a', 1, 'extra'])).toMatchObject({ ok: false });
  });

  it('refuses at compile time what only the meta-schema catches (a property that is no schema)', () => {
    expect(() => compileJsonSchema({ type: 'object', properties: { a: 5 } })).toThrow(
      /schema is invalid/,
    );
  });

  it('compiles without $schema as 2020-12, which refuses the draft-07 tuple form', () => {
    expect(() => compileJsonSchema({ type: 'array', items: [{ type: 'string' }] })).toThrow(
      /items must be object/,
    );
  });

  it('checks formats', async () => {
    const compiled = compileJsonSchema({ type: 'string', format: 'uri' });
    expect(await compiled.validate('https://example.com/a')).toMatchObject({ ok: true });
    expect(await compiled.validate('not a uri')).toMatchObject({ ok: false });
  });

  it('refuses an invalid schema at compile time', () => {
    expect(() => compileJsonSchema({ type: 'object', properties: { a: { type: 12 } } })).toThrow();
    expect(() => compileJsonSchema({ type: 'object', required: 'a' })).toThrow();
  });
});
