import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const peersDir = fileURLToPath(new URL('../peers/', import.meta.url));
const manifest = `${peersDir}package.json`;
const installed = `${peersDir}node_modules/.package-lock.json`;

/**
 * The peers measured beside this package (@rekog/mcp-nest, fastmcp, the SDK v2 packages they
 * use) are the bench's own dependencies (bench/peers/package.json), installed on demand into
 * bench/peers/node_modules: their peer ranges conflict with the root's, so they are never root
 * devDependencies. A folder of their own keeps them from shadowing the root's Nest for the
 * other bench servers (two copies of @nestjs/core in one app break its injector).
 * Returns undefined when ready, else why not (their rows are then printed as skipped).
 */
export function ensurePeers(log) {
  const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(manifest).mtimeMs;
  if (stale) {
    log('installing the peers measured beside nest-mcp into bench/peers/node_modules (npm ci)');
    const ci = spawnSync(
      'npm',
      ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
      { cwd: peersDir, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (ci.status !== 0) return `npm ci in bench/peers failed (exit ${ci.status})`;
  }
  return undefined;
}

/** Why a bench dependency cannot be loaded, or undefined when it can. */
export function missingPeer(name) {
  return existsSync(`${peersDir}node_modules/${name}/package.json`)
    ? undefined
    : `${name} is not installed in bench/peers/node_modules`;
}
