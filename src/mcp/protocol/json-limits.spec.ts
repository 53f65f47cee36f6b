import { describe, expect, it } from 'vitest';
import { checkJsonLimits, DEFAULT_JSON_LIMITS, type JsonLimits } from './json-limits.js';

const tight: JsonLimits = {
  maxDepth: 3,
  maxKeys: 4,
  maxStringLength: 5,
  maxArrayLength: 3,
  maxTokens: 100,
};

describe('checkJsonLimits', () => {
  it('accepts values within every limit, scalars included', () => {
    expect(checkJsonLimits({ a: [1, { b: 'abcde' }] }, tight)).toBeUndefined();
    for (const scalar of [null, 1, true, 'abc'])
      expect(checkJsonLimits(scalar, tight)).toBeUndefined();
  });

  it('counts depth from the root, arrays and objects alike', () => {
    expect(checkJsonLimits({ a: { b: {} } }, tight)).toBeUndefined();
    expect(checkJsonLimits({ a: { b: { c: {} } } }, tight)).toBe('nesting too deep');
    expect(checkJsonLimits([[[[]]]], tight)).toBe('nesting too deep');
  });

  it('counts keys across the whole value', () => {
    expect(checkJsonLimits({ a: { b: 1, c: 2 }, d: 3 }, tight)).toBeUndefined();
    expect(checkJsonLimits({ a: { b: 1, c: 2 }, d: 3, e: 4 }, tight)).toBe('too many keys');
  });

  it('bounds strings and arrays anywhere in the value', () => {
    expect(checkJsonLimits({ a: ['abcdef'] }, tight)).toBe('string too long');
    expect(checkJsonLimits({ a: [1, 2, 3, 4] }, tight)).toBe('array too long');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s at any depth', (key) => {
    const nested = JSON.parse(`{"a":{"${key}":1}}`) as unknown;
    expect(checkJsonLimits(nested, DEFAULT_JSON_LIMITS)).toBe(`forbidden key "${key}"`);
  });

  it('walks very wide values without recursion', () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => ({ i }));
    expect(checkJsonLimits(wide, DEFAULT_JSON_LIMITS)).toBeUndefined();
    expect(checkJsonLimits([...wide, {}], DEFAULT_JSON_LIMITS)).toBe('array too long');
  });
});
