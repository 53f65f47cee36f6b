import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useExampleClient } from '../support/example-client.js';
import { REPO_ROOT } from '../support/stdio-child.js';

const README = resolve(REPO_ROOT, 'examples/dto-heavy/README.md');
const ORDER = {
  customer: 'Ada',
  shipTo: { street: '1 Analytical Row', city: 'London', country: 'GB' },
  lines: [
    { sku: 'MUG-01', quantity: 2 },
    { sku: 'X-9', quantity: 1, unitPriceCents: 450 },
  ],
  shipping: 'express',
  giftWrap: true,
};

/** The JSON blocks of the README, in order. */
function readmeJsonBlocks(): unknown[] {
  const text = readFileSync(README, 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map(
    ([, json]) => JSON.parse(json) as unknown,
  );
}

describe('examples/dto-heavy', () => {
  const example = useExampleClient('dto-heavy/main.js');

  it('publishes the schema its README shows: nested, array, enum and optional fields', async () => {
    const { tools } = await example.client.listTools();
    const [schema, call] = readmeJsonBlocks();
    expect(tools[0].inputSchema).toEqual(schema);
    expect(call).toEqual(ORDER);
    expect(tools[0].inputSchema).toMatchObject({
      required: ['customer', 'shipTo', 'lines', 'shipping'],
      properties: {
        lines: { type: 'array', items: { $ref: '#/$defs/OrderLineDto' } },
        shipping: { enum: ['standard', 'express', 'overnight'] },
      },
      $defs: {
        AddressDto: { additionalProperties: false, required: ['street', 'city', 'country'] },
      },
    });
  });

  it('validates into DTO instances and answers with structured content', async () => {
    const result = await example.client.callTool({ name: 'quote_order', arguments: ORDER });
    expect(result.isError).toBeFalsy();
    const [block] = result.content as { type: string; text: string }[];
    expect(JSON.parse(block.text)).toEqual({
      customer: 'Ada',
      deliverTo: 'London, GB',
      lines: [
        { sku: 'MUG-01', quantity: 2, totalCents: 2400 },
        { sku: 'X-9', quantity: 1, totalCents: 450 },
      ],
      totalCents: 4050,
      tags: [],
    });
  });

  it('names every violation, nested paths included', async () => {
    const result = await example.client.callTool({
      name: 'quote_order',
      arguments: {
        ...ORDER,
        shipping: 'drone',
        lines: [{ sku: 'MUG-01', quantity: 0, colour: 'red' }],
      },
    });
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result.content);
    expect(text).toMatch(/shipping must be one of the following values/);
    expect(text).toMatch(/lines\.0\.quantity must not be less than 1/);
    expect(text).toMatch(/property colour should not exist/);
  });
});
