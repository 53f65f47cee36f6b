import { compileDtoSchema } from './dto-schema.compiler.js';
import { compileJsonSchema } from './json-schema.compiler.js';
import type { CompiledSchema, SchemaSource, ZodLike } from './schema-source.type.js';
import { compileZodSchema } from './zod-schema.compiler.js';

/**
 * Tools with no declared arguments: the spec's recommended "no parameters" schema, which only an
 * empty object satisfies (strict-mode function callers, such as OpenAI's, refuse a bare
 * `{"type":"object"}`). A missing `arguments` counts as `{}`.
 */
const NO_PARAMETERS_SCHEMA = { type: 'object', additionalProperties: false };
// Compiled on the first call of such a tool: importing the library never loads ajv.
let noParameters: CompiledSchema | undefined;
export const EMPTY_OBJECT_SCHEMA: CompiledSchema = {
  jsonSchema: NO_PARAMETERS_SCHEMA,
  validate: (value) =>
    (noParameters ??= compileJsonSchema(NO_PARAMETERS_SCHEMA)).validate(value ?? {}),
};

function isZod(source: SchemaSource): source is ZodLike {
  return typeof source === 'object' && source !== null && '_zod' in source;
}

/** Turns any supported schema source into its wire schema and validator (once, at boot). */
export function compileSchema(source: SchemaSource): CompiledSchema {
  if (typeof source === 'function') return compileDtoSchema(source);
  if (isZod(source)) return compileZodSchema(source);
  return compileJsonSchema(source);
}
