// tools/list with 1,000 tools against 1 tool (session era, Fastify): the first page (the
// default page size) should come from a cached serialised page, so its cost barely grows.
import { fileURLToPath } from 'node:url';
import { ChildServer } from '../lib/child-server.mjs';
import { runLoad } from '../lib/load.mjs';
import { fmt } from '../lib/report.mjs';
import { ID_TOKEN, SCENARIOS } from '../lib/scenarios.mjs';

const file = fileURLToPath(new URL('../servers/nest-mcp-tools.server.mjs', import.meta.url));
const SIZES = [1, 1000];
// BENCH_BEFORE_DIST (see http.servers.mjs) adds the same two rows served by another build.
const BUILDS = [
  { label: '', env: {} },
  ...(process.env.BENCH_BEFORE_DIST
    ? [{ label: 'BEFORE ', env: { BENCH_DIST: process.env.BENCH_BEFORE_DIST } }]
    : []),
];
const PAGE_SIZE = 100;

async function listOnce(url, headers) {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  return { message: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

export default {
  key: 'tools-list',
  title: 'tools/list: 1,000 tools against 1 tool (first page, session era, Fastify)',

  async run({ config, log, fail }) {
    const rows = [];
    const servers = [];
    try {
      for (const build of BUILDS)
        for (const tools of SIZES) {
          const child = await ChildServer.start(
            file,
            { BENCH_ADAPTER: 'fastify', BENCH_TOOLS: String(tools), ...build.env },
            config.nodeArgs,
          );
          const prepared = await SCENARIOS[0].prepare(child.url, {});
          const { message, bytes } = await listOnce(child.url, prepared.headers);
          const expected = Math.min(tools, PAGE_SIZE);
          if (message.result?.tools?.length !== expected) {
            fail(
              `tools-list / ${tools}`,
              `listed ${message.result?.tools?.length}, expected ${expected}`,
            );
            continue;
          }
          servers.push({
            build: build.label,
            tools,
            child,
            bytes,
            cpu: 0,
            ok: 0,
            elapsed: 0,
            problem: 0,
          });
        }
      const request = (id) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' });
      for (const s of servers) {
        const prepared = await SCENARIOS[0].prepare(s.child.url, {});
        s.prepared = { headers: prepared.headers, body: request };
        await runLoad({
          url: s.child.url,
          prepared: s.prepared,
          connections: config.connections,
          seconds: config.warmupSeconds,
        });
      }
      log(`tools-list: measuring ${servers.length} servers`);
      for (let round = 0; round < config.rounds; round++)
        for (const s of round % 2 ? [...servers].reverse() : servers) {
          const before = await s.child.cpuMicros();
          const m = await runLoad({
            url: s.child.url,
            prepared: s.prepared,
            connections: config.connections,
            seconds: config.seconds / config.rounds,
          });
          s.cpu += (await s.child.cpuMicros()) - before;
          s.ok += m.ok;
          s.elapsed += m.elapsed;
          s.problem += m.non2xx + m.errors + m.timeouts;
        }
    } finally {
      await Promise.all(servers.map((s) => s.child.stop()));
    }
    for (const s of servers) {
      if (s.problem) fail(`tools-list / ${s.build}${s.tools}`, `${s.problem} failed calls`);
      else
        rows.push({
          build: s.build,
          tools: s.tools,
          bytes: s.bytes,
          reqPerSec: s.ok / s.elapsed,
          cpuPerReq: s.cpu / s.ok,
        });
    }
    const ratios = [];
    for (const { label } of BUILDS) {
      const [one, many] = SIZES.map((n) => rows.find((r) => r.tools === n && r.build === label));
      if (one && many)
        ratios.push({
          name: `CPU/call ${label}1,000 tools ÷ 1 tool`,
          value: many.cpuPerReq / one.cpuPerReq,
          target: label ? undefined : 1.5,
        });
    }
    return {
      key: 'tools-list',
      title: this.title,
      header: ['build', 'tools', 'page bytes', 'req/s', 'CPU µs/call'],
      rows: rows.map((r) => [
        r.build.trim() || 'this',
        fmt.int(r.tools),
        fmt.int(r.bytes),
        fmt.int(r.reqPerSec),
        fmt.int(r.cpuPerReq),
      ]),
      ratios,
      data: rows,
    };
  },
};
