import 'reflect-metadata';

/**
 * The parent side of a bench server child: reports the port it listens on, answers CPU
 * usage queries (so the report can show CPU time per request), and exits on SIGTERM.
 * @param {() => Promise<number>} listen starts the server on 127.0.0.1:0 and resolves its port
 */
export async function serveChild(listen) {
  const port = await listen();
  process.on('message', (message) => {
    if (message?.type === 'cpu') process.send?.({ type: 'cpu', usage: process.cpuUsage() });
    // Redis commands the app sent so far (the Redis rows), as its own gateway counts them.
    if (message?.type === 'redis')
      process.send?.({ type: 'redis', commands: globalThis.benchRedisCommands?.() ?? NaN });
  });
  process.on('SIGTERM', () => process.exit(0));
  process.send?.({ type: 'ready', port });
}

/** Nest's HTTP adapter for BENCH_ADAPTER (express by default, as the demo runs). */
export async function nestAdapter() {
  const adapter = process.env.BENCH_ADAPTER ?? 'express';
  if (adapter === 'express') return undefined;
  if (adapter !== 'fastify')
    throw new Error(`BENCH_ADAPTER must be express or fastify, not ${adapter}`);
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  return new FastifyAdapter();
}

/** Listens a Nest app on an ephemeral loopback port and returns the port. */
export async function listenNest(app) {
  await app.listen(0, '127.0.0.1');
  return app.getHttpServer().address().port;
}
