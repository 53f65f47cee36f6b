// The product under test: the demo's modules and options from dist/ (as `npm start` builds
// them), assembled as AppModule does. The demo's anonymous rate limit is left out by default:
// the bench is one anonymous client making thousands of calls a second, and @nestjs/throttler's
// in-memory storage scans every hit of the window on each call, so with it the numbers would
// measure the limiter's storage and depend on how long the bench runs. BENCH_RATE_LIMIT=1 keeps
// it (with a limit the bench cannot reach) to show that cost.
import { Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { demoMcpOptions } from '../../dist/src/demo/demo.config.js';
import { NotesModule } from '../../dist/src/demo/notes/notes.module.js';
import { TutorModule } from '../../dist/src/demo/tutor/tutor.module.js';
import { McpModule } from '../../dist/src/mcp/index.js';
import { MCP_REDIS } from '../../dist/src/mcp/redis/redis.token.js';
import { listenNest, nestAdapter, serveChild } from './child.mjs';

function benchOptions() {
  const keepLimit = process.env.BENCH_RATE_LIMIT === '1';
  const options = demoMcpOptions({ ...process.env, MCP_ANON_LIMIT: String(1e9) });
  if (!keepLimit) delete options.rateLimit;
  // The Redis row: the same app with its state in the bench's redis-server.
  if (process.env.BENCH_REDIS_URL) {
    options.redis = { url: process.env.BENCH_REDIS_URL };
    options.stateSecret = randomBytes(32).toString('hex');
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
  const redis = app.get(MCP_REDIS, { strict: false });
  if (redis) globalThis.benchRedisCommands = () => redis.gateway.commands;
  return listenNest(app);
});
