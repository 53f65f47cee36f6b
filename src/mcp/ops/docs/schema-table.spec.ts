import { describe, expect, it } from 'vitest';
import { schemaRows, typeLabel } from './schema-table.js';

describe('schemaRows', () => {
  it('lists properties with type, required flag, description, enum values and constraints', () => {
    const rows = schemaRows({
      type: 'object',
      properties: {
        verb: { type: 'string', description: 'Base form', minLength: 1, pattern: '^[a-z]+$' },
        tense: { type: 'string', enum: ['past', 'present'] },
        count: { type: 'integer', minimum: 1, default: 3 },
      },
      required: ['verb'],
    });
    expect(rows).toEqual([
      {
        path: 'verb',
        type: 'string',
        required: true,
        description: 'Base form',
        enumValues: [],
        notes: ['min length 1', 'pattern ^[a-z]+$'],
      },
      {
        path: 'tense',
        type: 'string',
        required: false,
        description: '',
        enumValues: ['past', 'present'],
        notes: [],
      },
      {
        path: 'count',
        type: 'integer',
        required: false,
        description: '',
        enumValues: [],
        notes: ['min 1', 'default 3'],
      },
    ]);
  });

  it('flattens nested objects and array items, and resolves local $refs', () => {
    const rows = schemaRows({
      type: 'object',
      properties: {
        address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        items: { type: 'array', items: { $ref: '#/$defs/Item' } },
      },
      $defs: { Item: { type: 'object', properties: { sku: { type: 'string', format: 'uuid' } } } },
    });
    expect(rows.map((r) => [r.path, r.type, r.required])).toEqual([
      ['address', 'object', false],
      ['address.city', 'string', true],
      ['items', 'array of Item', false],
      ['items[].sku', 'string (uuid)', false],
    ]);
  });

  it('stops on recursive schemas instead of looping', () => {
    const rows = schemaRows({
      type: 'object',
      properties: { root: { $ref: '#/$defs/Node' } },
      $defs: {
        Node: {
          type: 'object',
          properties: { child: { $ref: '#/$defs/Node' }, name: { type: 'string' } },
        },
      },
    });
    expect(rows.map((r) => r.path)).toEqual(['root', 'root.child', 'root.name']);
  });

  it('shows unions and const-only unions as enum values', () => {
    expect(typeLabel({ type: ['string', 'null'] })).toBe('string | null');
    expect(typeLabel({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toBe('string | number');
    const [row] = schemaRows({
      type: 'object',
      properties: { mode: { oneOf: [{ const: 'a' }, { const: 'b' }] } },
    });
    expect(row.enumValues).toEqual(['a', 'b']);
  });

  it('yields no rows for a schema without properties', () => {
    expect(schemaRows({ type: 'object' })).toEqual([]);
    expect(schemaRows({ type: 'string' })).toEqual([]);
  });
});
