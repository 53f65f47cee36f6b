// Plain-text table and ratio lines for the bench results.

const fmt = {
  int: (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—'),
  ms: (n) => (Number.isFinite(n) ? n.toFixed(3) : '—'),
  ratio: (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '—'),
};

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * @param {Array<{ scenario: string, server: string, m?: object, problem?: string }>} results
 * @param {Array<{ key: string, label: string }>} servers
 * @param {Array<{ key: string, title: string }>} scenarios
 */
export function formatReport(results, servers, scenarios) {
  const label = Object.fromEntries(servers.map((s) => [s.key, s.label]));
  const find = (scenario, server) =>
    results.find((r) => r.scenario === scenario && r.server === server)?.m;
  const order = (r) =>
    scenarios.findIndex((s) => s.key === r.scenario) * servers.length +
    servers.findIndex((s) => s.key === r.server);
  const sorted = [...results].sort((a, b) => order(a) - order(b));
  const rows = sorted.map(({ scenario, server, m, problem }) => {
    const bare = find(scenario, 'bare');
    return [
      scenario,
      label[server],
      fmt.int(m?.reqPerSec),
      fmt.ms(m?.p50),
      fmt.ms(m?.p99),
      fmt.int(m?.cpuPerReq),
      server === 'bare' || !m
        ? problem
          ? 'FAILED'
          : ''
        : fmt.ratio(m.reqPerSec / bare?.reqPerSec),
    ];
  });
  const out = [
    table(['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'req/s vs bare'], rows),
    '',
  ];
  for (const { key, title } of scenarios) {
    const bare = find(key, 'bare');
    const ours = find(key, 'nest-mcp');
    const sdk = find(key, 'sdk');
    const redis = find(key, 'nest-mcp-redis');
    out.push(`${key} — ${title}`);
    if (ours && redis)
      out.push(
        `  nest-mcp on Redis / in memory: ${fmt.ratio(redis.reqPerSec / ours.reqPerSec)} req/s, ` +
          `p50 ${fmt.ratio(redis.p50 / ours.p50)}, CPU/req ${fmt.ratio(redis.cpuPerReq / ours.cpuPerReq)}; ` +
          `${Number.isFinite(redis.redisPerReq) ? redis.redisPerReq.toFixed(2) : '—'} Redis commands sent per call (issued together: one round trip)`,
      );
    if (ours && bare)
      out.push(
        `  nest-mcp / bare Nest: ${fmt.ratio(ours.reqPerSec / bare.reqPerSec)} req/s, ` +
          `p50 ${fmt.ratio(ours.p50 / bare.p50)}, p99 ${fmt.ratio(ours.p99 / bare.p99)}, ` +
          `CPU/req ${fmt.ratio(ours.cpuPerReq / bare.cpuPerReq)}`,
      );
    if (ours && sdk)
      out.push(
        `  nest-mcp / official SDK: ${fmt.ratio(ours.reqPerSec / sdk.reqPerSec)} req/s, ` +
          `p50 ${fmt.ratio(ours.p50 / sdk.p50)}, p99 ${fmt.ratio(ours.p99 / sdk.p99)}, ` +
          `CPU/req ${fmt.ratio(ours.cpuPerReq / sdk.cpuPerReq)}`,
      );
  }
  return `${out.join('\n')}\n`;
}
