import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { CompiledSchema, JsonSchemaObject } from './schema-source.type.js';

const DRAFT_07 = /draft-0[4-7]\/schema/;
// ajv-formats ships CommonJS with a default export object; normalise both shapes.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

function makeAjv<T extends Ajv>(ajv: T): T {
  addFormats(ajv);
  return ajv;
}

// `strict: false` lets vendor keywords (x-mcp-header, examples…) through without failing boot.
const ajv2020 = makeAjv(new Ajv2020({ strict: false, allErrors: true, validateSchema: true }));
const ajv07 = makeAjv(new Ajv({ strict: false, allErrors: true }));

/** Formats ajv errors into one readable line: `/path must be string; …`. */
export function formatAjvErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

/** Compiles a raw JSON Schema (2020-12 unless `$schema` names draft-07 or older). */
export function compileJsonSchema(schema: JsonSchemaObject): CompiledSchema {
  const dialect =
    typeof schema.$schema === 'string' && DRAFT_07.test(schema.$schema) ? ajv07 : ajv2020;
  const validate = dialect.compile(schema);
  return {
    jsonSchema: schema,
    validate: async (value) =>
      validate(value) ? { ok: true, value } : { ok: false, message: formatAjvErrors(validate) },
  };
}
