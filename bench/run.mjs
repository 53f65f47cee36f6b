// `npm run bench`: nest-mcp against bare Nest controllers, the official SDK, @rekog/mcp-nest
// and fastmcp, in one run on one machine, loopback only. Row families live in families/, one
// file each. Every answer is verified; any error fails the run (exit 1); speed never does.
//
//   node bench/run.mjs [--json FILE] [--only http,stdio,cold-start,tools-list,memory]
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LOAD_CORE, pin, pinning } from './lib/cores.mjs';
import { ensurePeers } from './lib/peers.mjs';
import { formatFamily } from './lib/report.mjs';
import coldStart from './families/cold-start.mjs';
import http from './families/http.mjs';
import memory from './families/memory.mjs';
import stdio from './families/stdio.mjs';
import toolsList from './families/tools-list.mjs';

const FAMILIES = [http, stdio, coldStart, toolsList, memory];

const { values: args } = parseArgs({
  options: { json: { type: 'string' }, only: { type: 'string' } },
});
const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
};
const list = (value) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const config = {
  seconds: positive('BENCH_SECONDS', 4),
  warmupSeconds: positive('BENCH_WARMUP_SECONDS', 2),
  connections: Math.round(positive('BENCH_CONNECTIONS', 16)),
  rounds: Math.round(positive('BENCH_ROUNDS', 2)),
  stdioMessages: Math.round(positive('BENCH_STDIO_MESSAGES', 30_000)),
  coldStarts: Math.round(positive('BENCH_COLD_STARTS', 5)),
  streams: Math.round(positive('BENCH_STREAMS', 10_000)),
  sessions: Math.round(positive('BENCH_SESSIONS', 500)),
  // BENCH_SERVERS=bare-fastify,nest-mcp-fastify keeps only those HTTP rows.
  servers: list(process.env.BENCH_SERVERS),
  // Extra node flags for the servers, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof".
  nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  peersProblem: undefined,
};
const only = list(args.only);
const families = FAMILIES.filter((f) => !only || only.includes(f.key));

if (!existsSync(fileURLToPath(new URL('../dist/src/demo/app.module.js', import.meta.url)))) {
  console.error('bench: dist/ is missing; run `npm run bench` (it builds first).');
  process.exit(1);
}
pin(process.pid, LOAD_CORE);

const log = (line) => console.error(`bench: ${line}`);
const problems = [];
const skipped = [];
const fail = (where, problem) => {
  problems.push(`${where}: ${problem}`);
  log(`FAILED ${where}: ${problem}`);
};
const skip = (where, reason) => {
  skipped.push(`${where}: ${reason}`);
  log(`skipped ${where}: ${reason}`);
};

config.peersProblem = ensurePeers(log);
const header =
  `nest-mcp bench — node ${process.version}, ${cpus().length}× ${cpus()[0]?.model.trim()}, ` +
  `${pinning}, loopback`;
console.log(header);

const results = [];
for (const family of families) {
  const started = Date.now();
  try {
    const result = await family.run({ config, log, fail, skip });
    results.push(result);
    console.log('');
    console.log(formatFamily(result));
  } catch (error) {
    fail(family.key, error.stack ?? error.message);
  }
  log(`${family.key} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (skipped.length) {
  console.log('Skipped rows:');
  for (const s of skipped) console.log(`  - ${s}`);
}
if (args.json) {
  const { peersProblem: _, ...settings } = config;
  writeFileSync(
    args.json,
    `${JSON.stringify({ header, date: new Date().toISOString(), settings, results, skipped, problems }, null, 2)}\n`,
  );
  log(`results written to ${args.json}`);
}
if (problems.length) {
  console.error(
    `\nbench: ${problems.length} problem(s): these rows did not measure what they claim`,
  );
  for (const p of problems) console.error(`  - ${p}`);
  process.exitCode = 1;
}
