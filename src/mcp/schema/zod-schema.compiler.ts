import { createRequire } from 'node:module';
import { McpMessages } from '../config/mcp.messages.js';
import type { CompiledSchema, JsonSchemaObject, ZodLike } from './schema-source.type.js';

type ZodModule = { toJSONSchema(schema: unknown, options: { target: string }): unknown };
const requireOptional = createRequire(import.meta.url);

/** zod is an optional peer: loaded only when a tool declares a zod schema. */
function loadZod(): ZodModule {
  try {
    return requireOptional('zod') as ZodModule;
  } catch {
    throw new Error(McpMessages.missingPeer('zod', 'zod schemas'));
  }
}

/** A zod 4 schema: JSON Schema from zod's own converter, validation by safeParse. */
export function compileZodSchema(schema: ZodLike): CompiledSchema {
  const jsonSchema = loadZod().toJSONSchema(schema, {
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
