import 'reflect-metadata';

/**
 * The child side of a bench server: reports the port it listens on, answers CPU and memory
 * queries (so the report can show CPU time per request and heap per session), and exits on
 * SIGTERM.
 * @param {() => Promise<number | { port: number, path?: string }>} listen starts the server
 *   on 127.0.0.1:0 and resolves its port (and endpoint path when not /mcp)
 */
export async function serveChild(listen) {
  const listening = await listen();
  const ready = typeof listening === 'number' ? { port: listening } : listening;
  process.on('message', (message) => {
    if (message?.type === 'cpu') process.send?.({ type: 'cpu', value: process.cpuUsage() });
    if (message?.type === 'memory') {
      globalThis.gc?.();
      globalThis.gc?.();
      process.send?.({ type: 'memory', value: process.memoryUsage() });
    }
  });
  process.on('SIGTERM', () => process.exit(0));
  process.send?.({ type: 'ready', ...ready });
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
