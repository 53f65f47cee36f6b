import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ENTRY = resolve('dist/src/mcp/index.d.ts');
/** Packages a consumer always has: the library's peers and dependencies. Optional peers are not here. */
const ALLOWED = [
  /^node:/,
  /^@nestjs\/common$/,
  /^@nestjs\/core$/,
  /^rxjs$/,
  /^ajv$/,
  /^structured-headers$/,
];
const SPECIFIER = /(?:from\s+|import\s*\()\s*'([^']+)'/g;

/** Every package the declarations reachable from the public entry import, with who imports it. */
function reachableImports(entry: string): Map<string, string> {
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
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec.replace(/\.js$/, '.d.ts')));
      else if (!found.has(spec)) found.set(spec, file);
    }
  }
  return found;
}

describe('the published declarations', () => {
  beforeAll(() => {
    // npm test builds first; a direct vitest run builds here (incremental, so cheap when fresh).
    if (!existsSync(ENTRY))
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  }, 120_000);

  it('import only what every consumer has installed (no optional peer such as prom-client or @nestjs/throttler)', () => {
    const outside = [...reachableImports(ENTRY)].filter(
      ([spec]) => !ALLOWED.some((ok) => ok.test(spec)),
    );
    expect(outside.map(([spec, file]) => `${spec} (from ${file})`)).toEqual([]);
  });
});
