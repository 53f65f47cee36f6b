import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Express hands Node's objects themselves; Fastify wraps them (`.raw`). */
export const nodeRequest = <T extends IncomingMessage = IncomingMessage>(req: unknown): T =>
  ((req as { raw?: IncomingMessage }).raw ?? req) as T;
export const nodeResponse = (res: unknown): ServerResponse =>
  ((res as { raw?: ServerResponse }).raw ?? res) as ServerResponse;

/**
 * Writes a whole response on Node's own object, so the host's interceptors and serializers
 * never reshape operational answers (and Express and Fastify answer byte for byte alike).
 */
export function writeRaw(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body?: string | Buffer,
): void {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  res.writeHead(status, {
    'x-content-type-options': 'nosniff',
    ...headers,
    ...(bytes ? { 'content-length': bytes.length } : {}),
  });
  res.end(bytes);
}

/** JSON that must never be cached (health answers). */
export function writeNoStoreJson(res: ServerResponse, status: number, value: unknown): void {
  writeRaw(
    res,
    status,
    { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    JSON.stringify(value),
  );
}
