import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './stdio-child.js';

/** The tarball `npm pack` wrote, and where it was unpacked. */
export interface PackedPackage {
  /** Absolute path of `nest-mcp-<version>.tgz`. */
  tarball: string;
  /** The unpacked `package/` folder: exactly what a consumer's node_modules/nest-mcp holds. */
  root: string;
  /** Every path in the tarball, relative to `package/`, sorted. */
  files: string[];
}

const PACK_DIR = resolve(REPO_ROOT, 'test-results/pack');
/** What the tarball is made from: a change to any of these packs again. */
const INPUTS = [
  'src/mcp',
  'package.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'tsconfig.lib.json',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/**
 * Runs `npm pack` as a publisher would (its `prepack` script builds the library afresh) and
 * unpacks the tarball. Two suites need it, so a tarball newer than every input is reused.
 */
export function packedPackage(): PackedPackage {
  const extracted = join(PACK_DIR, 'package');
  const existing = existsSync(PACK_DIR)
    ? readdirSync(PACK_DIR).find((name) => /^nest-mcp-.*\.tgz$/.test(name))
    : undefined;
  const fresh =
    existing !== undefined &&
    existsSync(extracted) &&
    statSync(join(PACK_DIR, existing)).mtimeMs >
      Math.max(...INPUTS.map((input) => newestMtime(resolve(REPO_ROOT, input))));
  let tarball = existing === undefined ? '' : join(PACK_DIR, existing);
  if (!fresh) {
    rmSync(PACK_DIR, { recursive: true, force: true });
    mkdirSync(PACK_DIR, { recursive: true });
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', PACK_DIR], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    const [{ filename }] = JSON.parse(out) as { filename: string }[];
    tarball = join(PACK_DIR, filename);
    execFileSync('tar', ['-xzf', tarball, '-C', PACK_DIR]);
  }
  return { tarball, root: extracted, files: listFiles(extracted).sort() };
}
