#!/usr/bin/env node
// `npm run fuzz`: the property-based tests of test/fuzz with FUZZ_RUNS cases each (default
// 100 000). `npm test` runs the same properties with fewer cases.
import { spawnSync } from 'node:child_process';

const runs = process.env.FUZZ_RUNS ?? '100000';
const child = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'config/vitest.config.ts',
    '--project',
    'fuzz',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs } },
);
process.exit(child.status ?? 1);
