import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileZodSchema } from './zod-schema.compiler.js';

const conjugate = z.object({
  verb: z.string().min(2),
  tense: z.enum(['present', 'preterite']),
  person: z.object({ number: z.int().min(1).max(3) }).optional(),
});

describe('compileZodSchema', () => {
  it('converts a zod 4 object into a closed 2020-12 JSON Schema', () => {
    const { jsonSchema } = compileZodSchema(conjugate);
    expect(jsonSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      required: ['verb', 'tense'],
      properties: {
        verb: { type: 'string', minLength: 2 },
        tense: { type: 'string', enum: ['present', 'preterite'] },
        person: {
          type: 'object',
          properties: { number: { type: 'integer', minimum: 1, maximum: 3 } },
        },
      },
    });
  });

  it('returns the parsed data on success', async () => {
    const withDefault = z.object({ verb: z.string(), times: z.number().default(1) });
    expect(await compileZodSchema(withDefault).validate({ verb: 'ir' })).toEqual({
      ok: true,
      value: { verb: 'ir', times: 1 },
    });
  });

  it('joins safeParse issues with their paths', async () => {
    const outcome = await compileZodSchema(conjugate).validate({
      verb: 1,
      tense: 'future',
      person: { number: 9 },
    });
    expect(outcome.ok).toBe(false);
    const parts = (outcome as { message: string }).message.split('; ');
    expect(parts).toHaveLength(3);
    expect(parts[0]).toMatch(/^verb: .*expected string/);
    expect(parts[1]).toMatch(/^tense: /);
    expect(parts[2]).toMatch(/^person\.number: /);
  });

  it('names the root when the value itself is wrong', async () => {
    const outcome = await compileZodSchema(conjugate).validate('nope');
    expect((outcome as { message: string }).message).toMatch(/^\(root\): /);
  });
});
