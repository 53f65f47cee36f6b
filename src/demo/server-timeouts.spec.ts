import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { applyServerTimeouts } from './server-timeouts.js';

describe('applyServerTimeouts (the demo main.ts)', () => {
  it('checks sockets every second, so 20 s / 30 s limits are kept within a second', () => {
    const server = createServer() as Server & { connectionsCheckingInterval: number };
    applyServerTimeouts(server);
    expect(server.headersTimeout).toBe(20_000);
    expect(server.requestTimeout).toBe(30_000);
    expect(server.connectionsCheckingInterval).toBeLessThanOrEqual(1_000);
  });

  it('the interval is honoured when the server listens (a slow body is cut near requestTimeout)', async () => {
    const server = createServer((req, res) => req.on('end', () => res.end('ok')).resume());
    applyServerTimeouts(server);
    server.requestTimeout = 300;
    server.headersTimeout = 300;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const started = Date.now();
    const status = await new Promise<number>((resolve) => {
      const req = request({
        port,
        host: '127.0.0.1',
        method: 'POST',
        headers: { 'content-length': 10 },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', () => resolve(0));
      req.write('x');
    });
    server.close();
    expect([0, 408]).toContain(status);
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});
