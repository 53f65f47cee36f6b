// `node bench/hostile-body.mjs` (after `npm run build`): what refusing a hostile body costs
// next to serving a real call, on the demo app with its defaults. Prints medians of wall time
// per request (loopback, sequential) and the parser's own time on the hostile bytes.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { request } from 'node:http';

process.env.MCP_ANON_LIMIT = '1000000';
const { AppModule } = await import('../dist/src/demo/app.module.js');
const { parseMessage } = await import('../dist/src/mcp/protocol/message.parser.js');
const RUNS = Number(process.env.RUNS ?? 30);

const app = await NestFactory.create(AppModule, { logger: false });
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address();

function post(body, headers = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const out = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/mcp',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'content-length': body.length,
        ...headers,
      },
    });
    out.on('error', reject);
    out.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
      );
    });
    out.end(body);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function measure(label, body, headers) {
  const times = [];
  let status;
  for (let i = 0; i < RUNS; i++) ({ status, ms: times[i] } = await post(body, headers));
  console.log(
    `${label.padEnd(44)} ${String(status).padEnd(4)} median ${median(times).toFixed(2)} ms`,
  );
  return median(times);
}

const real = Buffer.from(
  JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: {
      name: 'conjugate',
      arguments: { verb: 'hablar', tense: 'present' },
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    },
  }),
);
const nested = (bytes) =>
  Buffer.concat([Buffer.alloc(bytes / 2, '['), Buffer.alloc(bytes / 2, ']')]);
const tokens = (bytes) => Buffer.from(`[${'1,'.repeat(bytes / 2 - 1)}1]`);
const realMs = await measure('real tools/call (conjugate, stateless)', real, {
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/call',
  'mcp-name': 'conjugate',
});
const deep = nested(0.9 * 2 ** 20);
await measure('0.9 MiB [[[…]]] (refused, 400)', deep);
await measure('0.9 MiB [1,1,1,…] (refused, 400)', tokens(0.9 * 2 ** 20));
await measure('3.8 MiB [[[…]]] (refused, 413)', nested(3.8 * 2 ** 20));
const parse = [];
for (let i = 0; i < RUNS; i++) {
  const started = process.hrtime.bigint();
  parseMessage(deep);
  parse.push(Number(process.hrtime.bigint() - started) / 1e6);
}
console.log(
  `parser alone on 0.9 MiB [[[…]]]: median ${median(parse).toFixed(2)} ms (real call ${realMs.toFixed(2)} ms end to end)`,
);
await app.close();
