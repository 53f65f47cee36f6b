// The product under test: the demo's modules and options from dist/ (as `npm start` builds
// them), assembled as AppModule does, on BENCH_ADAPTER. Measured as shipped: the anonymous rate
// limit stays on (its limit raised out of the bench's reach, so every call still takes the
// limiter's path) and so do the Host/Origin checks (loopback defaults). The memory rows raise
// the per-address stream cap and the session cap (BENCH_MEMORY=1): one bench client holds
// thousands of streams from one address.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { demoMcpOptions } from '../../dist/src/demo/demo.config.js';
import { NotesModule } from '../../dist/src/demo/notes/notes.module.js';
import { TutorModule } from '../../dist/src/demo/tutor/tutor.module.js';
import { McpModule } from '../../dist/src/mcp/index.js';
import { listenNest, nestAdapter, serveChild } from './child.mjs';

function benchOptions() {
  const options = demoMcpOptions({ ...process.env, MCP_ANON_LIMIT: String(1e9) });
  if (process.env.BENCH_MEMORY === '1') {
    options.concurrency = { ...options.concurrency, streamsPerAnonymousAddress: 1e9 };
    options.session = { ...options.session, maxSessions: 1e9 };
  }
  return options;
}

class BenchAppModule {}
Reflect.decorate(
  [
    Module({
      imports: [McpModule.forRootAsync({ useFactory: benchOptions }), TutorModule, NotesModule],
    }),
  ],
  BenchAppModule,
);

await serveChild(async () => {
  const adapter = await nestAdapter();
  const options = { logger: ['error', 'warn'] };
  const app = adapter
    ? await NestFactory.create(BenchAppModule, adapter, options)
    : await NestFactory.create(BenchAppModule, options);
  return listenNest(app);
});
