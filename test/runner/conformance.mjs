#!/usr/bin/env node
// `npm run conformance`: the official MCP conformance suite against the fixture app, for both
// requirement sets (2025-11-25 session era, 2026-07-28 stateless era).
//
// Usage: node test/runner/conformance.mjs [--summary FILE] [--requirements SET]... [--verbose]
//   --summary FILE      also write { passed, failed, scenarios: [...] } as JSON (test/runner/test.mjs reads it)
//   --requirements SET  run only this set (repeatable); default: both
//   --verbose           print every failing/warning check, not just failures
// Every scenario of a set counts, scored or not: it passes when none of its checks is a FAILURE.
// Exit 0 only when every scenario passes. Results: test-results/conformance/<set>/…/checks.json.
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NODE22_DIR = join(ROOT, '.tools/node22');
const NODE22 = join(NODE22_DIR, 'node_modules/node/bin/node');
const SUITE_DIR = join(ROOT, 'node_modules/@modelcontextprotocol/conformance');
const SUITE = join(SUITE_DIR, 'dist/index.js');
const FIXTURE = join(ROOT, 'dist/test/fixture/main.js');
const OUT = join(ROOT, 'test-results/conformance');
const SETS = ['2025-11-25', '2026-07-28'];
const SET_TIMEOUT_MS = 10 * 60_000;
const DYNAMIC_TOOL_SETTLE_MS = 2_500;

const log = (...parts) => console.error(...parts);
/** The suite process currently running, so an interrupt can stop it with the fixture. */
let suiteChild;

function parseArgs(argv) {
  const options = { summary: undefined, sets: [], verbose: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--summary') options.summary = argv[++i];
    else if (arg === '--requirements') options.sets.push(argv[++i]);
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'Usage: node test/runner/conformance.mjs [--summary FILE] [--requirements 2025-11-25|2026-07-28]... [--verbose]',
      );
      process.exit(0);
    } else throw new Error(`Unknown argument: ${arg}`);
  }
  for (const set of options.sets)
    if (!SETS.includes(set))
      throw new Error(`Unknown requirement set: ${set} (one of ${SETS.join(', ')})`);
  if (options.sets.length === 0) options.sets = [...SETS];
  return options;
}

/** The suite imports `globSync` from `fs`, so it needs Node 22; the server keeps the project's Node. */
function ensureNode22() {
  if (existsSync(NODE22)) return;
  log(`Installing Node 22 for the conformance runner into ${NODE22_DIR} …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['install', '--prefix', NODE22_DIR, '--no-save', '--no-audit', '--no-fund', 'node@22'],
    {
      cwd: ROOT,
      stdio: ['ignore', 2, 2],
    },
  );
  if (result.status !== 0 || !existsSync(NODE22))
    throw new Error('Could not install Node 22 (npm install --prefix .tools/node22 node@22)');
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Rebuilds when any source under src/ or test/fixture/ is newer than the last build (tsc's
 * build-info file is rewritten on every build; unchanged outputs are not).
 */
function buildIfStale() {
  const buildInfo = join(ROOT, 'dist/.tsbuildinfo.build');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src')),
    newestMtime(join(ROOT, 'test/fixture')),
    statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs,
  );
  if (existsSync(FIXTURE) && existsSync(buildInfo) && statSync(buildInfo).mtimeMs >= sources)
    return;
  log('Building (tsc -p tsconfig.build.json) …');
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (result.status === 0) return;
  // tsc still emits on type errors; those are the build step's verdict, not conformance's.
  if (!existsSync(FIXTURE)) throw new Error('Build failed and produced no fixture');
  log('WARNING: the build reported errors (above); running conformance on what it emitted.');
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the fixture (its output goes to a log file) and waits until the endpoint answers. */
async function startFixture(port) {
  const logFile = join(OUT, 'fixture.log');
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, [FIXTURE], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) {
      await sleep(100);
      const head = readFileSync(logFile, 'utf8').split('\n').slice(0, 12).join('\n');
      throw new Error(`The fixture exited at start (${logFile}):\n${head}`);
    }
    try {
      // Any HTTP answer means the server is up (a bare ping is refused, which is fine).
      await fetch(`http://127.0.0.1:${port}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return child;
    } catch {
      await sleep(200);
    }
  }
  child.kill('SIGTERM');
  throw new Error(`The fixture did not answer within 30 s; see ${logFile}`);
}

function stopFixture(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Server scenarios of a requirement set: scored ones and `not_scored` ones (leg: server). */
function scenariosOf(set) {
  const lines = readFileSync(join(SUITE_DIR, 'requirements', `${set}.yaml`), 'utf8').split('\n');
  const scenarios = [];
  let section;
  let pending;
  for (const line of lines) {
    if (/^\S/.test(line)) section = line.replace(/:.*$/, '');
    const item = /^  - (\S+)\s*$/.exec(line);
    if (section === 'server' && item) scenarios.push({ name: item[1], scored: true });
    if (section !== 'not_scored') continue;
    const scenario = /^  - scenario: (\S+)/.exec(line);
    if (scenario) pending = { name: scenario[1], scored: false };
    const leg = /^    leg: (\S+)/.exec(line);
    if (leg && pending && leg[1] === 'server') scenarios.push(pending);
    const reason = /^    reason: (\S+)/.exec(line);
    if (reason && pending) pending.reason = reason[1];
  }
  return scenarios;
}

/** Runs one requirement set; the suite's own output goes to a log file to keep stdout short. */
function runSet(set, port) {
  const dir = join(OUT, set);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const logFile = join(OUT, `${set}.log`);
  const out = createWriteStream(logFile);
  log(`Running conformance --requirements ${set} (log: ${logFile}) …`);
  const args = [
    SUITE,
    'server',
    '--url',
    `http://localhost:${port}/mcp`,
    '--requirements',
    set,
    '-o',
    dir,
  ];
  return new Promise((done) => {
    const child = spawn(NODE22, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    suiteChild = child;
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    const timer = setTimeout(() => child.kill('SIGKILL'), SET_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      suiteChild = undefined;
      out.end();
      done({ code, signal });
    });
  });
}

/** checks.json of every scenario run, keyed by scenario name (newest run wins). */
function readChecks(set) {
  const dir = join(OUT, set);
  const found = new Map();
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'checks.json') {
        const folder = full.slice(dir.length + 1, -'/checks.json'.length);
        const match = /^(?:server-)?(.+?)-(\d{4}-\d{2}-\d{2}T[\d-]+Z)$/.exec(
          folder.split('/').pop(),
        );
        const name = match ? match[1] : folder;
        const stamp = match ? match[2] : '';
        const previous = found.get(name);
        if (previous && previous.stamp > stamp) continue;
        try {
          found.set(name, { stamp, checks: JSON.parse(readFileSync(full, 'utf8')) });
        } catch (error) {
          found.set(name, {
            stamp,
            checks: [
              { id: 'checks-json-unreadable', status: 'FAILURE', errorMessage: String(error) },
            ],
          });
        }
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

function summarize(set, found) {
  const expected = scenariosOf(set);
  const names = new Set(expected.map((s) => s.name));
  const extra = [...found.keys()]
    .filter((n) => !names.has(n))
    .map((name) => ({ name, scored: false }));
  return [...expected, ...extra].map(({ name, scored }) => {
    const run = found.get(name);
    if (!run) {
      return {
        set,
        scenario: name,
        scored,
        status: 'failed',
        passed: 0,
        failed: 1,
        warnings: 0,
        failures: [
          { id: 'no-result', message: 'the suite wrote no checks.json for this scenario' },
        ],
        warningList: [],
      };
    }
    const count = (status) => run.checks.filter((c) => c.status === status).length;
    const describe = (c) => ({
      id: c.id,
      message: String(c.errorMessage ?? c.description ?? '')
        .replace(/\s+/g, ' ')
        .slice(0, 300),
    });
    const failures = run.checks.filter((c) => c.status === 'FAILURE').map(describe);
    return {
      set,
      scenario: name,
      scored,
      status: failures.length === 0 ? 'passed' : 'failed',
      passed: count('SUCCESS'),
      failed: failures.length,
      warnings: count('WARNING'),
      failures,
      warningList: run.checks.filter((c) => c.status === 'WARNING').map(describe),
    };
  });
}

/**
 * The fixture's own output over the whole run, judged as one more check: normal protocol flow
 * (input-required rounds, JSON-RPC errors, failing tools, cancellations) logs no ERROR line
 * and no stack trace.
 */
function fixtureLogRow(sets) {
  const text = readFileSync(join(OUT, 'fixture.log'), 'utf8');
  const lines = text.split('\n');
  const errors = lines.filter((line) => /\bERROR\b/.test(line));
  const stacks = lines.filter((line) => /^\s+at \S/.test(line));
  const failures = [
    ...errors.slice(0, 5).map((line) => ({ id: 'error-line', message: line.slice(0, 300) })),
    ...stacks
      .slice(0, 3)
      .map((line) => ({ id: 'stack-trace', message: line.trim().slice(0, 300) })),
  ];
  return {
    set: sets.join('+'),
    scenario: 'fixture-log-quiet',
    scored: true,
    status: failures.length === 0 ? 'passed' : 'failed',
    passed: failures.length === 0 ? 1 : 0,
    failed: failures.length,
    warnings: 0,
    failures,
    warningList: [],
  };
}

function printTable(rows, verbose) {
  const width = Math.max(...rows.map((r) => r.scenario.length), 8);
  console.log(`\n${'scenario'.padEnd(width)}  set         scored  result  pass fail warn`);
  console.log(`${'-'.repeat(width)}  ----------  ------  ------  ---- ---- ----`);
  for (const r of rows) {
    const mark = r.status === 'passed' ? 'PASS' : 'FAIL';
    console.log(
      `${r.scenario.padEnd(width)}  ${r.set}  ${(r.scored ? 'yes' : 'no').padEnd(6)}  ${mark.padEnd(6)}  ${String(r.passed).padStart(4)} ${String(r.failed).padStart(4)} ${String(r.warnings).padStart(4)}`,
    );
    for (const f of r.failures) console.log(`${' '.repeat(width)}    ✗ ${f.id}: ${f.message}`);
    if (verbose)
      for (const w of r.warningList) console.log(`${' '.repeat(width)}    ! ${w.id}: ${w.message}`);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(OUT, { recursive: true });
  ensureNode22();
  buildIfStale();
  const port = await freePort();
  let fixture;
  const stop = () => stopFixture(fixture);
  const onSignal = (signal) =>
    void stop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const rows = [];
  try {
    fixture = await startFixture(port);
    log(`Fixture up on http://127.0.0.1:${port}/mcp`);
    // test_dynamic_tool appears 2 s after start; let the tool list settle before it is judged.
    await sleep(DYNAMIC_TOOL_SETTLE_MS);
    for (const set of options.sets) {
      const { code, signal } = await runSet(set, port);
      log(`  suite exit: ${signal ?? code}`);
      rows.push(...summarize(set, readChecks(set)));
    }
  } finally {
    await stop();
  }
  if (rows.length > 0) rows.push(fixtureLogRow(options.sets));
  printTable(rows, options.verbose);
  const passed = rows.filter((r) => r.status === 'passed').length;
  const failed = rows.length - passed;
  for (const set of options.sets) {
    const mine = rows.filter((r) => r.set === set);
    const ok = mine.filter((r) => r.status === 'passed');
    console.log(
      `${set}: ${ok.length}/${mine.length} scenarios passed (scored: ${ok.filter((r) => r.scored).length}/${mine.filter((r) => r.scored).length})`,
    );
  }
  console.log(`conformance: ${passed} passed, ${failed} failed`);
  if (options.summary) {
    const scenarios = rows.map(({ warningList, ...row }) => ({
      ...row,
      warnings: row.warnings,
      warningIds: warningList.map((w) => w.id),
    }));
    mkdirSync(dirname(resolve(options.summary)), { recursive: true });
    writeFileSync(options.summary, `${JSON.stringify({ passed, failed, scenarios }, null, 2)}\n`);
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  log(`conformance: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
