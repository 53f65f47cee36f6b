// Cold start: spawn → the answer to the first request (initialize, sent at once on stdin), for
// nest-mcp's stdio entry (the demo), a bare Nest application context with the demo's modules
// answering by hand, and the official SDK's stdio server. Median of several alternating starts.
import { fileURLToPath } from 'node:url';
import { fmt } from '../lib/report.mjs';
import { INITIALIZE, StdioChild } from '../lib/stdio-child.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const SERVERS = [
  { key: 'nest-mcp', label: 'nest-mcp stdio (demo)', file: here('../../dist/src/demo/stdio.js') },
  {
    key: 'bare',
    label: 'bare Nest application context',
    file: here('../servers/bare-context.stdio.mjs'),
  },
  { key: 'sdk', label: 'official SDK 1.x stdio', file: here('../servers/sdk.stdio.mjs') },
];
// BENCH_BEFORE_DIST (see http.servers.mjs): the demo's stdio entry of another build too.
if (process.env.BENCH_BEFORE_DIST)
  SERVERS.push({
    key: 'nest-mcp-before',
    label: 'nest-mcp BEFORE stdio (demo)',
    file: `${process.env.BENCH_BEFORE_DIST.replace(/\/+$/, '')}/src/demo/stdio.js`,
  });

async function coldStart(file) {
  const child = new StdioChild(file);
  try {
    const answer = await child.request(INITIALIZE);
    const ms = Number(process.hrtime.bigint() - child.startedAt) / 1e6;
    if (!answer.result?.protocolVersion)
      throw new Error(`initialize answered ${JSON.stringify(answer).slice(0, 200)}`);
    return ms;
  } finally {
    await child.stop();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default {
  key: 'cold-start',
  title: 'Cold start: spawn → answer to the first request (stdio)',

  async run({ config, log, fail }) {
    const times = new Map(SERVERS.map((s) => [s.key, []]));
    log(`cold-start: ${config.coldStarts} alternating starts per server`);
    for (let i = 0; i < config.coldStarts; i++)
      for (const server of SERVERS) {
        try {
          times.get(server.key).push(await coldStart(server.file));
        } catch (error) {
          fail(`cold-start / ${server.label}`, error.message);
          return { key: 'cold-start', title: this.title, header: [], rows: [] };
        }
      }
    const rows = SERVERS.map((s) => ({
      key: s.key,
      label: s.label,
      medianMs: median(times.get(s.key)),
      minMs: Math.min(...times.get(s.key)),
      runs: times.get(s.key),
    }));
    const [ours, bare, sdk, before] = rows;
    return {
      key: 'cold-start',
      title: this.title,
      note: `Median of ${config.coldStarts} starts each, alternating.`,
      header: ['server', '', 'median ms', 'min ms'],
      rows: rows.map((r) => [r.label, '', fmt.int(r.medianMs), fmt.int(r.minMs)]),
      ratios: [
        {
          name: 'nest-mcp ÷ bare Nest application context',
          value: ours.medianMs / bare.medianMs,
          target: 1.2,
        },
        { name: 'nest-mcp ÷ official SDK', value: ours.medianMs / sdk.medianMs },
        ...(before
          ? [
              {
                name: 'nest-mcp BEFORE ÷ bare Nest application context',
                value: before.medianMs / bare.medianMs,
              },
            ]
          : []),
      ],
      data: rows,
    };
  },
};
