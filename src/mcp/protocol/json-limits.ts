/** Structural limits applied to every parsed message (README, Hardening: "Parsing"). */
export interface JsonLimits {
  maxDepth: number;
  maxKeys: number;
  maxStringLength: number;
  maxArrayLength: number;
  /** Values (commas and openings) counted by the pre-scan before `JSON.parse`. */
  maxTokens: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  maxDepth: 64,
  maxKeys: 10_000,
  maxStringLength: 256 * 1024,
  maxArrayLength: 10_000,
  maxTokens: 100_000,
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks a parsed value without recursion (deep input must not overflow the stack) and
 * returns the first limit it breaks, or undefined.
 */
export function checkJsonLimits(value: unknown, limits: JsonLimits): string | undefined {
  // Two parallel stacks rather than a [node, depth] pair per node: this runs on every message.
  const nodes: unknown[] = [value];
  const depths: number[] = [1];
  let keys = 0;
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (typeof node === 'string') {
      if (node.length > limits.maxStringLength) return 'string too long';
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth > limits.maxDepth) return 'nesting too deep';
    if (Array.isArray(node)) {
      if (node.length > limits.maxArrayLength) return 'array too long';
      for (const item of node) {
        nodes.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    // Parsed JSON objects have only own enumerable keys (`__proto__` included, as an own key).
    for (const key in node) {
      if (FORBIDDEN_KEYS.has(key)) return `forbidden key "${key}"`;
      if (++keys > limits.maxKeys) return 'too many keys';
      nodes.push((node as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return undefined;
}
