#!/usr/bin/env node
// `npm test`: every check the project has, in order, with one summary line at the end.
// Steps: lint, typecheck, API reference, build, layers, unit + e2e (vitest), conformance (both requirement
// sets) against one fixture, then against two fixture replicas on Redis behind a balancer.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureSystemPackages } from './system-deps.mjs';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.error(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = child.status === 0;
  if (!ok) failures.push(label);
  return ok;
}

function step(label, command, args) {
  const ok = run(label, command, args);
  results[ok ? 'passed' : 'failed'] += 1;
}

mkdirSync('test-results', { recursive: true });
ensureSystemPackages();

step('lint', 'npx', ['eslint', '.']);
step('format', 'npx', ['prettier', '--check', '.']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
// The API reference: every exported name documented, no warning (typedoc.json: warnings are errors).
step('api reference', 'npx', ['typedoc', '--emit', 'none']);
// A clean build: outputs of moved or deleted files must not linger (the layer check reads dist).
rmSync('dist', { recursive: true, force: true });
step('build', 'npx', ['tsc', '-p', 'tsconfig.build.json']);
// The layers of src/mcp (docs/architecture.md): no import cycle between files or folders,
// counting the value imports the built JavaScript really makes.
step('layers', 'npx', ['depcruise', 'dist/src/mcp', '--config', '.dependency-cruiser.cjs']);

// Vitest: each test case counts.
const vitestJson = 'test-results/vitest.json';
const vitestOk = run('vitest', 'npx', [
  'vitest',
  'run',
  '--config',
  'config/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  results.passed += report.numPassedTests ?? 0;
  results.failed += (report.numFailedTests ?? 0) + (vitestOk || report.numFailedTests ? 0 : 1);
  results.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else {
  results.failed += 1;
}

// Conformance: each scenario of each requirement set counts, in both runs.
for (const [label, extra, file] of [
  ['conformance', [], 'test-results/conformance.json'],
  ['conformance (2 replicas)', ['--replicas', '2'], 'test-results/conformance-replicas.json'],
]) {
  run(label, 'node', ['test/runner/conformance.mjs', ...extra, '--summary', file]);
  if (existsSync(file)) {
    const summary = JSON.parse(readFileSync(file, 'utf8'));
    results.passed += summary.passed;
    results.failed += summary.failed;
  } else {
    results.failed += 1;
  }
}

if (failures.length) console.error(`\nFailed steps: ${failures.join(', ')}`);
console.log(
  `tests: ${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`,
);
process.exit(results.failed === 0 ? 0 : 1);
