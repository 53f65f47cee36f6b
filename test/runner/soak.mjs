#!/usr/bin/env node
// `npm run soak`: builds, then runs test/soak/soak.ts with --expose-gc (bounded by operation
// count: SOAK_SESSIONS sessions, SOAK_STREAMS concurrent streams). Exits non-zero on failure.
import { spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const soak = spawnSync('node', ['--expose-gc', 'dist/test/soak/soak.js'], { stdio: 'inherit' });
process.exit(soak.status ?? 1);
