import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packedPackage, type PackedPackage } from '../support/packed-package.js';

/** Packages a consumer always has: the library's peers and dependencies. Optional peers are not here. */
const ALLOWED = [
  /^node:/,
  /^@nestjs\/common$/,
  /^@nestjs\/core$/,
  /^rxjs$/,
  /^ajv$/,
  /^structured-headers$/,
];
/** An agent has neither Nest nor the server: only Node and the signature header codec. */
const AGENT_ALLOWED = [/^node:/, /^structured-headers$/];
const SPECIFIER = /(?:from\s+|import\s*\()\s*'([^']+)'/g;

/** Every package the files reachable from `entry` import, with who imports it. */
function reachableImports(entry: string, extension: '.d.ts' | '.js'): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Comments (JSDoc examples) are not imports.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const [, spec] of code.matchAll(SPECIFIER)) {
      if (spec.startsWith('.'))
        queue.push(resolve(dirname(file), spec.replace(/\.js$/, extension)));
      else if (!found.has(spec)) found.set(spec, file);
    }
  }
  return found;
}

function outside(imports: Map<string, string>, allowed: RegExp[]): string[] {
  return [...imports]
    .filter(([spec]) => !allowed.some((ok) => ok.test(spec)))
    .map(([spec, file]) => `${spec} (from ${file})`);
}

interface Manifest {
  main: string;
  types: string;
  exports: Record<string, string | { types: string; default: string }>;
}

describe('the packed package (npm pack)', () => {
  let pack: PackedPackage;
  let manifest: Manifest;
  const at = (path: string) => join(pack.root, path);

  beforeAll(() => {
    pack = packedPackage();
    manifest = JSON.parse(readFileSync(at('package.json'), 'utf8')) as Manifest;
  }, 180_000);

  it('holds the built library with its declarations, README, LICENSE and CHANGELOG, nothing else', () => {
    const other = pack.files.filter((file) => !file.startsWith('dist/src/mcp/'));
    expect(other).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    const library = pack.files.filter((file) => file.startsWith('dist/src/mcp/'));
    expect(library.filter((file) => !/\.(js|d\.ts)$/.test(file))).toEqual([]);
    expect(library.filter((file) => /\.(spec|e2e)\./.test(file))).toEqual([]);
    // Every module has its declarations.
    const js = library.filter((file) => file.endsWith('.js'));
    expect(js.length).toBeGreaterThan(100);
    expect(js.filter((file) => !pack.files.includes(file.replace(/\.js$/, '.d.ts')))).toEqual([]);
    expect(readFileSync(at('LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('main, types and every export point at files in the tarball', () => {
    const targets = [manifest.main, manifest.types];
    for (const target of Object.values(manifest.exports)) {
      if (typeof target === 'string') targets.push(target);
      else targets.push(target.types, target.default);
    }
    expect(Object.keys(manifest.exports)).toEqual(['.', './agent', './package.json']);
    for (const target of targets) expect(pack.files, target).toContain(target.replace(/^\.\//, ''));
  });

  it('its declarations import only what every consumer has installed (no optional peer such as prom-client or @nestjs/throttler)', () => {
    expect(outside(reachableImports(at('dist/src/mcp/index.d.ts'), '.d.ts'), ALLOWED)).toEqual([]);
  });

  it('nest-mcp/agent, code and declarations, needs neither Nest nor the server', () => {
    for (const extension of ['.js', '.d.ts'] as const) {
      const entry = at(`dist/src/mcp/agent/index${extension}`);
      expect(outside(reachableImports(entry, extension), AGENT_ALLOWED)).toEqual([]);
    }
  });
});
