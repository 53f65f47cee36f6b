// `npm run bench`: nest-mcp's tools/call against a bare Nest controller answering the same
// JSON-RPC (and the official SDK's own server), same run, same machine, loopback only.
// Reports speed; it fails only when a server answers something other than the tool's result.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ChildServer } from './lib/child-server.mjs';
import { runLoad, summarize } from './lib/load.mjs';
import { formatReport } from './lib/report.mjs';
import { SCENARIOS, verifyOnce } from './lib/scenarios.mjs';
import { startBenchRedis } from './lib/redis.mjs';

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
};
const SECONDS = positive('BENCH_SECONDS', 8);
const WARMUP_SECONDS = positive('BENCH_WARMUP_SECONDS', 2);
const CONNECTIONS = Math.round(positive('BENCH_CONNECTIONS', 10));
// The measured time is cut into rounds that alternate between the servers, so a burst of
// other work on the machine does not land on one row only.
const ROUNDS = Math.round(positive('BENCH_ROUNDS', 4));
const ADAPTER = process.env.BENCH_ADAPTER ?? 'express';
// BENCH_SERVERS=bare,nest-mcp leaves the SDK row out, for example.
// Extra node flags for the server children, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof".
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const WANTED = (process.env.BENCH_SERVERS ?? 'bare,nest-mcp,nest-mcp-redis,sdk')
  .split(',')
  .map((s) => s.trim());

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const SERVERS = [
  {
    key: 'bare',
    label: `bare Nest controller (${ADAPTER})`,
    file: here('./servers/bare-nest.server.mjs'),
  },
  {
    key: 'nest-mcp',
    label: `nest-mcp demo (${ADAPTER}${process.env.BENCH_RATE_LIMIT === '1' ? ', rate limiter on' : ''})`,
    file: here('./servers/nest-mcp.server.mjs'),
  },
  {
    // The same demo with sessions, limits and the bus on a redis-server of the bench's own.
    key: 'nest-mcp-redis',
    label: `nest-mcp demo on Redis (${ADAPTER})`,
    file: here('./servers/nest-mcp.server.mjs'),
    redis: true,
  },
  {
    key: 'sdk',
    label: 'official SDK 1.x (node:http)',
    file: here('./servers/sdk.server.mjs'),
    statelessHeaderVersion: '2025-11-25',
  },
].filter((s) => WANTED.includes(s.key));

if (!existsSync(here('../dist/src/demo/app.module.js'))) {
  console.error('bench: dist/ is missing; run `npm run bench` (it builds first).');
  process.exit(1);
}

const log = (line) => console.error(`bench: ${line}`);
const results = [];
const problems = [];
const fail = (row, label, problem) => {
  row.problem = problem;
  problems.push(`${row.scenario} / ${label}: ${problem}`);
  log(`FAILED ${row.scenario} / ${label}: ${problem}`);
};
const countProblem = (m) =>
  m.non2xx || m.errors || m.timeouts || !m.ok
    ? `${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts, ${m.ok} ok`
    : undefined;

console.log(
  `nest-mcp bench — node ${process.version}, ${cpus().length}× ${cpus()[0]?.model.trim()}, ` +
    `${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per row ` +
    `(${ROUNDS} alternating rounds), loopback`,
);

// Every server in its own child process, all started up front (idle ones cost nothing).
const running = [];
const redis = SERVERS.some((s) => s.redis) ? await startBenchRedis() : undefined;
for (const server of SERVERS) {
  log(`starting ${server.label}`);
  try {
    const child = await ChildServer.start(
      server.file,
      {
        BENCH_ADAPTER: ADAPTER,
        NODE_ENV: 'production',
        BENCH_RATE_LIMIT: process.env.BENCH_RATE_LIMIT ?? '0',
        ...(server.redis ? { BENCH_REDIS_URL: redis.url } : {}),
      },
      NODE_ARGS,
    );
    running.push({ server, child });
  } catch (error) {
    for (const scenario of SCENARIOS)
      results.push({ scenario: scenario.key, server: server.key, problem: error.message });
    problems.push(`${server.label} did not start: ${error.message}`);
    log(`FAILED to start ${server.label}: ${error.message}`);
  }
}

try {
  for (const scenario of SCENARIOS) {
    // Prepare, verify once, and warm up each server; only verified rows are measured.
    const rows = [];
    for (const { server, child } of running) {
      const row = { scenario: scenario.key, server: server.key };
      results.push(row);
      try {
        const prepared = await scenario.prepare(child.url, server);
        const wrong = await verifyOnce(child.url, prepared);
        if (wrong) {
          fail(row, server.label, `verification call: ${wrong}`);
          continue;
        }
        log(`${scenario.key} / ${server.label}: warm-up ${WARMUP_SECONDS} s (every body checked)`);
        const warm = await runLoad({
          url: child.url,
          prepared,
          connections: CONNECTIONS,
          seconds: WARMUP_SECONDS,
          checkBodies: true,
        });
        const wrongBodies = warm.badBodies
          ? `${warm.badBodies} wrong bodies, e.g. ${warm.firstBadBody}`
          : undefined;
        const warmProblem = countProblem(warm) ?? wrongBodies;
        if (warmProblem) {
          fail(row, server.label, `warm-up: ${warmProblem}`);
          continue;
        }
        rows.push({ row, server, child, prepared, slices: [], cpu: 0 });
      } catch (error) {
        fail(row, server.label, error.message);
      }
    }
    const slice = SECONDS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      log(`${scenario.key}: measuring round ${round + 1}/${ROUNDS} (${slice} s per server)`);
      for (const r of round % 2 ? [...rows].reverse() : rows) {
        const commandsBefore = r.server.redis ? await r.child.redisCommands() : 0;
        const before = await r.child.cpuMicros();
        r.slices.push(
          await runLoad({
            url: r.child.url,
            prepared: r.prepared,
            connections: CONNECTIONS,
            seconds: slice,
          }),
        );
        r.cpu += (await r.child.cpuMicros()) - before;
        if (r.server.redis)
          r.commands = (r.commands ?? 0) + (await r.child.redisCommands()) - commandsBefore;
      }
    }
    for (const r of rows) {
      const m = summarize(r.slices);
      m.cpuPerReq = m.ok ? r.cpu / m.ok : NaN;
      if (r.server.redis) m.redisPerReq = m.ok ? r.commands / m.ok : NaN;
      r.row.m = m;
      const problem = countProblem(m);
      if (problem) fail(r.row, r.server.label, `measurement: ${problem}`);
    }
  }
} finally {
  await Promise.all(running.map(({ child }) => child.stop()));
  await redis?.stop();
}

console.log('');
console.log(formatReport(results, SERVERS, SCENARIOS));
if (problems.length) {
  console.error(
    `\nbench: ${problems.length} problem(s): these rows did not measure the tool's result`,
  );
  for (const p of problems) console.error(`  - ${p}`);
  process.exitCode = 1;
}
