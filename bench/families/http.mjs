// Session-era and stateless-era `tools/call` over HTTP: nest-mcp on Express and Fastify
// against bare Nest controllers on both adapters, the official SDK, @rekog/mcp-nest and fastmcp.
import { ChildServer } from '../lib/child-server.mjs';
import { runLoad, summarize } from '../lib/load.mjs';
import { missingPeer } from '../lib/peers.mjs';
import { fmt } from '../lib/report.mjs';
import { SCENARIOS, verifyOnce } from '../lib/scenarios.mjs';
import { HTTP_RATIOS, HTTP_SERVERS } from './http.servers.mjs';

const countProblem = (m) =>
  m.non2xx || m.errors || m.timeouts || !m.ok
    ? `${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts, ${m.ok} ok`
    : undefined;

export default {
  key: 'http',
  title: 'HTTP tools/call: server CPU per call (the steadiest number on a shared machine)',

  async run({ config, log, fail, skip }) {
    const servers = HTTP_SERVERS.filter(
      (s) => config.servers === undefined || config.servers.includes(s.key),
    );
    const running = [];
    for (const server of servers) {
      const missing =
        config.peersProblem && server.needs
          ? config.peersProblem
          : server.needs?.map(missingPeer).find(Boolean);
      if (missing) {
        skip(`http / ${server.label}`, missing);
        continue;
      }
      log(`http: starting ${server.label}`);
      try {
        running.push({
          server,
          child: await ChildServer.start(server.file, server.env, config.nodeArgs),
        });
      } catch (error) {
        fail(`http / ${server.label}`, `did not start: ${error.message}`);
      }
    }
    const measured = [];
    try {
      for (const scenario of SCENARIOS) {
        const rows = [];
        for (const { server, child } of running) {
          if (server.scenarios && !server.scenarios.includes(scenario.key)) continue;
          const where = `http ${scenario.key} / ${server.label}`;
          try {
            const prepared = await scenario.prepare(child.url, server);
            const wrong = await verifyOnce(child.url, prepared);
            if (wrong) {
              fail(where, `verification call: ${wrong}`);
              continue;
            }
            const warm = await runLoad({
              url: child.url,
              prepared,
              connections: config.connections,
              seconds: config.warmupSeconds,
              checkBodies: true,
            });
            const problem =
              countProblem(warm) ??
              (warm.badBodies
                ? `${warm.badBodies} wrong bodies, e.g. ${warm.firstBadBody}`
                : undefined);
            if (problem) {
              fail(where, `warm-up: ${problem}`);
              continue;
            }
            rows.push({ scenario, server, child, prepared, slices: [], cpu: 0 });
          } catch (error) {
            fail(where, error.message);
          }
        }
        log(
          `http ${scenario.key}: measuring ${rows.length} servers, ${config.rounds} alternating rounds`,
        );
        const slice = config.seconds / config.rounds;
        for (let round = 0; round < config.rounds; round++) {
          for (const r of round % 2 ? [...rows].reverse() : rows) {
            const before = await r.child.cpuMicros();
            r.slices.push(
              await runLoad({
                url: r.child.url,
                prepared: r.prepared,
                connections: config.connections,
                seconds: slice,
              }),
            );
            r.cpu += (await r.child.cpuMicros()) - before;
          }
        }
        for (const r of rows) {
          const m = summarize(r.slices);
          m.cpuPerReq = m.ok ? r.cpu / m.ok : NaN;
          const problem = countProblem(m);
          if (problem) fail(`http ${scenario.key} / ${r.server.label}`, `measurement: ${problem}`);
          else
            measured.push({
              scenario: scenario.key,
              server: r.server.key,
              label: r.server.label,
              ...m,
            });
        }
      }
    } finally {
      await Promise.all(running.map(({ child }) => child.stop()));
    }

    const find = (scenario, server) =>
      measured.find((m) => m.scenario === scenario && m.server === server);
    const ratios = [];
    for (const scenario of SCENARIOS)
      for (const { ours, base, target } of HTTP_RATIOS) {
        const a = find(scenario.key, ours);
        const b = find(scenario.key, base);
        if (a && b)
          ratios.push({
            name: `${scenario.key}: CPU/call ${a.label} ÷ ${b.label}`,
            value: a.cpuPerReq / b.cpuPerReq,
            target,
          });
      }
    return {
      key: 'http',
      title: this.title,
      note: `${config.connections} connections, ${config.warmupSeconds} s warm-up (every body checked) + ${config.seconds} s measured per row in ${config.rounds} alternating rounds.`,
      header: ['era', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/call'],
      rows: measured.map((m) => [
        m.scenario,
        m.label,
        fmt.int(m.reqPerSec),
        fmt.ms(m.p50),
        fmt.ms(m.p99),
        fmt.int(m.cpuPerReq),
      ]),
      ratios,
      data: measured,
    };
  },
};
