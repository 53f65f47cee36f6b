import { createRequire } from 'node:module';
import type { Ajv, Options, ValidateFunction } from 'ajv';
import type { CompiledSchema, JsonSchemaObject } from './schema-source.type.js';

const DRAFT_07 = /draft-0[4-7]\/schema/;
// Loaded on first use (ajv, ajv-formats are CommonJS): an app whose tools declare no JSON
// Schema, or no `format`, never pays for them at start-up.
const load = createRequire(import.meta.url);
// `strict: false` lets vendor keywords (x-mcp-header, examples…) through without failing boot.
// The meta-schema pass stays on (it costs ~80 ms of CPU the first time a JSON Schema compiles):
// without it `properties: { a: 5 }` or `anyOf: []` would pass boot and fail on a call.
const OPTIONS: Options = { strict: false, allErrors: true };

type AjvClass = new (options: Options) => Ajv;
let ajv2020: Ajv | undefined;
let ajv07: Ajv | undefined;
const withFormats = new WeakSet<Ajv>();

function dialectOf(schema: JsonSchemaObject): Ajv {
  if (typeof schema.$schema === 'string' && DRAFT_07.test(schema.$schema))
    return (ajv07 ??= new (load('ajv') as { Ajv: AjvClass }).Ajv(OPTIONS));
  return (ajv2020 ??= new (load('ajv/dist/2020.js') as { Ajv2020: AjvClass }).Ajv2020(OPTIONS));
}

/** ajv-formats, added to an instance the first time one of its schemas names a `format`. */
function ensureFormats(ajv: Ajv, schema: JsonSchemaObject): void {
  if (withFormats.has(ajv) || !JSON.stringify(schema).includes('"format"')) return;
  const formats = load('ajv-formats') as { default?: (ajv: Ajv) => Ajv } & ((ajv: Ajv) => Ajv);
  // ajv-formats ships CommonJS with a default export object; normalise both shapes.
  (formats.default ?? formats)(ajv);
  withFormats.add(ajv);
}

/** Formats ajv errors into one readable line: `/path must be string; …`. */
export function formatAjvErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

/** Compiles a raw JSON Schema (2020-12 unless `$schema` names draft-07 or older). */
export function compileJsonSchema(schema: JsonSchemaObject): CompiledSchema {
  const dialect = dialectOf(schema);
  ensureFormats(dialect, schema);
  const validate = dialect.compile(schema);
  return {
    jsonSchema: schema,
    validate: async (value) =>
      validate(value) ? { ok: true, value } : { ok: false, message: formatAjvErrors(validate) },
  };
}
