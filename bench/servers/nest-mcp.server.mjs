// The product under test on BENCH_ADAPTER: see bench-app.mjs for the app and its options.
// The memory rows (BENCH_MEMORY=1) lift the per-address stream cap and the session cap: one
// bench client holds thousands of streams from one address.
import { NestFactory } from '@nestjs/core';
import { benchAppModule } from './bench-app.mjs';
import { listenNest, nestAdapter, serveChild } from './child.mjs';
import { startBenchRedis } from '../lib/redis.mjs';

// BENCH_REDIS=1: a redis-server of this child's own, gone with it.
if (process.env.BENCH_REDIS === '1') {
  const redis = await startBenchRedis();
  process.env.BENCH_REDIS_URL = redis.url;
  process.on('exit', () => redis.kill());
}

await serveChild(async () => {
  const module = benchAppModule({ memory: process.env.BENCH_MEMORY === '1' });
  const adapter = await nestAdapter();
  const options = { logger: ['error', 'warn'] };
  const app = adapter
    ? await NestFactory.create(module, adapter, options)
    : await NestFactory.create(module, options);
  return listenNest(app);
});
