import { z } from 'zod';
import type { CompiledSchema, JsonSchemaObject, ZodLike } from './schema-source.type.js';

/** A zod 4 schema: JSON Schema from zod's own converter, validation by safeParse. */
export function compileZodSchema(schema: ZodLike): CompiledSchema {
  const jsonSchema = z.toJSONSchema(schema as unknown as z.ZodType, {
    target: 'draft-2020-12',
  }) as JsonSchemaObject;
  return {
    jsonSchema,
    validate: async (value) => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return { ok: true, value: parsed.data };
      const message = parsed.error.issues
        .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      return { ok: false, message };
    },
  };
}
