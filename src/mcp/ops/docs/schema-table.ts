import type { JsonSchemaObject } from '../../schema/schema-source.type.js';

/** One row of a schema table: a property (dotted path for nested ones) and what it accepts. */
export interface SchemaRow {
  path: string;
  type: string;
  required: boolean;
  description: string;
  enumValues: string[];
  /** Constraints and default, e.g. `minLength 1`, `default "eat"`. */
  notes: string[];
}

type Schema = JsonSchemaObject;

/** Nested objects are shown this deep; deeper ones (or cycles) stop with their type only. */
const MAX_DEPTH = 4;

const CONSTRAINTS: [keyof Schema, string][] = [
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minimum', 'min'],
  ['maximum', 'max'],
  ['exclusiveMinimum', 'greater than'],
  ['exclusiveMaximum', 'less than'],
  ['multipleOf', 'multiple of'],
  ['pattern', 'pattern'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['uniqueItems', 'unique items'],
];

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** Resolves a local `$ref` (`#/$defs/X`, `#/definitions/X`) against the root schema. */
function resolve(
  root: Schema,
  schema: Schema,
  seen: Set<string>,
): { schema: Schema; ref?: string } {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || seen.has(ref)) return { schema };
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    target = isSchema(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isSchema(target) ? { schema: target, ref } : { schema };
}

function variants(schema: Schema): Schema[] {
  const list = schema.anyOf ?? schema.oneOf;
  return Array.isArray(list) ? list.filter(isSchema) : [];
}

/** A short readable type: `string (email)`, `integer | null`, `array of string`, `Address`. */
export function typeLabel(schema: Schema): string {
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? schema.$ref;
  if (schema.const !== undefined) return `const ${show(schema.const)}`;
  const members = variants(schema);
  if (members.length) return [...new Set(members.map(typeLabel))].join(' | ');
  const types = (Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type]).filter(
    (t): t is string => typeof t === 'string',
  );
  const labels = types.map((t) => {
    if (t === 'array' && isSchema(schema.items)) return `array of ${typeLabel(schema.items)}`;
    return t;
  });
  if (!labels.length)
    labels.push(schema.enum ? 'enum' : isSchema(schema.properties) ? 'object' : 'any');
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  return labels.join(' | ') + format;
}

function enumValues(schema: Schema): string[] {
  if (Array.isArray(schema.enum)) return schema.enum.map(show);
  if (schema.type === 'array' && isSchema(schema.items) && Array.isArray(schema.items.enum))
    return schema.items.enum.map(show);
  const consts = variants(schema).filter((v) => v.const !== undefined);
  return consts.length && consts.length === variants(schema).length
    ? consts.map((v) => show(v.const))
    : [];
}

function notes(schema: Schema): string[] {
  const out = CONSTRAINTS.filter(([key]) => schema[key] !== undefined).map(([key, label]) =>
    schema[key] === true ? label : `${label} ${show(schema[key])}`,
  );
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.deprecated === true) out.push('deprecated');
  return out;
}

function describe(schema: Schema): string {
  const text = schema.description ?? schema.title;
  return typeof text === 'string' ? text : '';
}

function walk(
  root: Schema,
  schema: Schema,
  prefix: string,
  depth: number,
  seen: Set<string>,
  rows: SchemaRow[],
): void {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  for (const [name, raw] of Object.entries(properties)) {
    if (!isSchema(raw)) continue;
    const { schema: property, ref } = resolve(root, raw, seen);
    const path = prefix + name;
    rows.push({
      path,
      type: typeLabel(raw),
      required: required.has(name),
      description: describe(raw) || describe(property),
      enumValues: enumValues(property),
      notes: notes({ ...property, ...raw }),
    });
    if (depth >= MAX_DEPTH) continue;
    const inner = new Set(seen);
    if (ref) inner.add(ref);
    if (isSchema(property.properties)) walk(root, property, `${path}.`, depth + 1, inner, rows);
    else if (isSchema(property.items)) {
      const items = resolve(root, property.items, inner);
      if (items.ref) inner.add(items.ref);
      if (isSchema(items.schema.properties))
        walk(root, items.schema, `${path}[].`, depth + 1, inner, rows);
    }
  }
}

/**
 * Flattens an object schema into table rows, nested properties as `parent.child` and array
 * items as `list[].child`. A schema that is not an object with properties yields no rows.
 */
export function schemaRows(schema: Schema): SchemaRow[] {
  const rows: SchemaRow[] = [];
  walk(schema, resolve(schema, schema, new Set()).schema, '', 0, new Set(), rows);
  return rows;
}
