// stdio, pipelined: the same stream of tools/call messages (a window of requests in flight)
// to nest-mcp's stdio server (bootstrapStdio with the bench app) and to the official SDK's.
import { fileURLToPath } from 'node:url';
import { fmt } from '../lib/report.mjs';
import { ARGS, EXPECTED_TEXT, TOOL } from '../lib/scenarios.mjs';
import { handshake, StdioChild } from '../lib/stdio-child.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const SERVERS = [
  { key: 'nest-mcp', label: 'nest-mcp stdio', file: here('../servers/nest-mcp.stdio.mjs') },
  { key: 'sdk', label: 'official SDK 1.x stdio', file: here('../servers/sdk.stdio.mjs') },
];
// See http.servers.mjs: BENCH_BEFORE_DIST adds a row served by another build.
if (process.env.BENCH_BEFORE_DIST)
  SERVERS.splice(1, 0, {
    key: 'nest-mcp-before',
    label: 'nest-mcp BEFORE stdio',
    file: here('../servers/nest-mcp.stdio.mjs'),
    env: { BENCH_DIST: process.env.BENCH_BEFORE_DIST },
  });
const WINDOW = 256;

/** Sends `total` calls keeping `WINDOW` in flight; every answer is checked. */
function pipeline(child, total) {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = 0;
    const line = (id) =>
      `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"${TOOL}","arguments":${JSON.stringify(ARGS)}}}\n`;
    const send = (n) => {
      let chunk = '';
      for (let i = 0; i < n && sent < total; i++) chunk += line(++sent);
      if (chunk) child.child.stdin.write(chunk);
    };
    child.onAnswer = (message, problem) => {
      const text = message?.result?.content?.[0]?.text;
      if (problem || message.error || message.result?.isError || text !== EXPECTED_TEXT) {
        child.onAnswer = undefined;
        reject(new Error(problem ?? `wrong answer: ${JSON.stringify(message).slice(0, 300)}`));
        return;
      }
      answered++;
    };
    child.onBatch = () => {
      if (answered === total) {
        child.onBatch = undefined;
        resolve();
      } else send(sent - answered < WINDOW ? WINDOW - (sent - answered) : 0);
    };
    child.exited.then(() => reject(new Error(`exited early: ${child.stderr.slice(-500)}`)));
    send(WINDOW);
  });
}

export default {
  key: 'stdio',
  title: 'stdio, pipelined tools/call (ndjson)',

  async run({ config, log, fail }) {
    const rows = [];
    for (const server of SERVERS) {
      const child = new StdioChild(server.file, server.env, config.nodeArgs);
      try {
        await handshake(child);
        log(`stdio: ${server.label}: warm-up, then ${config.stdioMessages} calls`);
        await pipeline(child, Math.round(config.stdioMessages / 5));
        const cpu = child.cpuMicros();
        const started = process.hrtime.bigint();
        await pipeline(child, config.stdioMessages);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        rows.push({
          key: server.key,
          label: server.label,
          msgsPerSec: config.stdioMessages / seconds,
          cpuPerMsg: (child.cpuMicros() - cpu) / config.stdioMessages,
        });
      } catch (error) {
        fail(`stdio / ${server.label}`, error.message);
      } finally {
        await child.stop();
      }
    }
    const ours = rows.find((r) => r.key === 'nest-mcp');
    const sdk = rows.find((r) => r.key === 'sdk');
    return {
      key: 'stdio',
      title: this.title,
      note: `${config.stdioMessages} calls after a warm-up, ${WINDOW} in flight, every answer checked.`,
      header: ['server', '', 'msgs/s', 'CPU µs/msg'],
      rows: rows.map((r) => [r.label, '', fmt.int(r.msgsPerSec), fmt.int(r.cpuPerMsg)]),
      ratios: [
        ...(ours && sdk
          ? [
              {
                name: 'msgs/s nest-mcp ÷ official SDK',
                value: ours.msgsPerSec / sdk.msgsPerSec,
                target: 2,
                lowerIsBetter: false,
              },
              { name: 'CPU/msg nest-mcp ÷ official SDK', value: ours.cpuPerMsg / sdk.cpuPerMsg },
            ]
          : []),
        ...rows
          .filter((r) => r.key === 'nest-mcp-before' && sdk)
          .map((r) => ({
            name: 'msgs/s nest-mcp BEFORE ÷ official SDK',
            value: r.msgsPerSec / sdk.msgsPerSec,
            lowerIsBetter: false,
          })),
      ],
      data: rows,
    };
  },
};
