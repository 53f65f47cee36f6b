import { IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSchema, EMPTY_OBJECT_SCHEMA } from './schema.compiler.js';

class SchemaSpecArgs {
  @IsString()
  verb!: string;
}

describe('compileSchema', () => {
  it('dispatches a class to the DTO compiler', async () => {
    const compiled = compileSchema(SchemaSpecArgs);
    expect(compiled.jsonSchema).toMatchObject({
      additionalProperties: false,
      properties: { verb: { type: 'string' } },
    });
    expect((await compiled.validate({ verb: 'ir' })).ok).toBe(true);
  });

  it('dispatches a zod schema to the zod compiler', async () => {
    const compiled = compileSchema(z.object({ verb: z.string() }));
    expect(compiled.jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((await compiled.validate({ verb: 1 })).ok).toBe(false);
  });

  it('keeps a plain object as a raw JSON Schema', () => {
    const raw = { type: 'object', properties: { _zod: { type: 'string' } } };
    expect(compileSchema(raw).jsonSchema).toBe(raw);
  });

  it('gives tools without arguments the spec\'s "no parameters" schema, enforced', async () => {
    expect(EMPTY_OBJECT_SCHEMA.jsonSchema).toEqual({ type: 'object', additionalProperties: false });
    expect(await EMPTY_OBJECT_SCHEMA.validate({})).toEqual({ ok: true, value: {} });
    expect(await EMPTY_OBJECT_SCHEMA.validate({ a: 1 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/additional properties/),
    });
  });
});
