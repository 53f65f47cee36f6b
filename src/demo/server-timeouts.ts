import type { Server } from 'node:http';

/**
 * Slow-client limits (README, Security: "Behind a proxy"): headers within 20 s, a whole request within 30 s.
 * Node looks for expired sockets every `connectionsCheckingInterval` (30 s by default), so
 * without a shorter interval a slow client is cut at 30 s / 60 s instead. Call before listen.
 */
export function applyServerTimeouts(server: Server): void {
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1_000;
}
