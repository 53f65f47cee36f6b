import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

const index = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
const page = readFileSync(new URL('../../docs/public-api.md', import.meta.url), 'utf8');

/** Every name the entry point exports, types included (read from its export clauses). */
function exportedNames(): string[] {
  return [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
    m[1]
      .split(',')
      .map((name) => name.trim().replace(/^type /, ''))
      .filter(Boolean),
  );
}

describe('the public API', () => {
  it('lists every exported name in docs/public-api.md', () => {
    const missing = exportedNames().filter((name) => !page.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('lists no name the entry point does not export', () => {
    const exported = new Set(exportedNames());
    const listed = [...page.matchAll(/^\| ([^|]+) \|/gm)]
      .flatMap((m) => [...m[1].matchAll(/`([A-Za-z_][\w]*)`/g)].map((n) => n[1]))
      .filter((name) => name !== 'name');
    expect(listed.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('keeps the internals out: no rate limiter, docs renderer or agent signer at the root', () => {
    expect(Object.keys(api)).not.toContain('McpRateLimiter');
    expect(Object.keys(api)).not.toContain('renderDocsPage');
    expect(Object.keys(api)).not.toContain('createSignedFetch');
    expect(Object.keys(api)).toContain('McpModule');
  });
});
