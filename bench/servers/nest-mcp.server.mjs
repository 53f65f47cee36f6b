// The product under test on BENCH_ADAPTER: see bench-app.mjs for the app and its options.
// The memory rows (BENCH_MEMORY=1) lift the per-address stream cap and the session cap: one
// bench client holds thousands of streams from one address.
import { NestFactory } from '@nestjs/core';
import { benchAppModule } from './bench-app.mjs';
import { listenNest, nestAdapter, serveChild } from './child.mjs';

await serveChild(async () => {
  const module = benchAppModule({ memory: process.env.BENCH_MEMORY === '1' });
  const adapter = await nestAdapter();
  const options = { logger: ['error', 'warn'] };
  const app = adapter
    ? await NestFactory.create(module, adapter, options)
    : await NestFactory.create(module, options);
  return listenNest(app);
});
