import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readRequestHeaders } from './request-headers.js';

/** Sends one request with these header lines to a real server and hands back its IncomingMessage. */
async function received(
  headers: [string, string][],
  touch?: (req: IncomingMessage) => void,
): Promise<ReturnType<typeof readRequestHeaders>> {
  let view: ReturnType<typeof readRequestHeaders> = {};
  const server = createServer((req, res) => {
    touch?.(req);
    view = readRequestHeaders(req);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest({ port, host: '127.0.0.1', method: 'POST' });
    for (const [name, value] of headers) req.appendHeader(name, value);
    req.on('response', (res) => res.resume().on('end', resolve));
    req.on('error', reject);
    req.end('{}');
  });
  server.close();
  return view;
}

describe('readRequestHeaders', () => {
  it('lower-cases names, joins repeated values and freezes the view', async () => {
    const view = await received([
      ['X-Tenant', 'acme'],
      ['Accept', 'application/json'],
      ['accept', 'text/event-stream'],
    ]);
    expect(view['x-tenant']).toBe('acme');
    expect(view.accept).toBe('application/json, text/event-stream');
    expect(Object.isFrozen(view)).toBe(true);
  });

  it('shows the headers as received even when a body hook rewrote `headers`', async () => {
    const view = await received([['Content-Type', 'application/json; charset=utf-8']], (req) => {
      req.headers['content-type'] = 'application/json';
      req.headers['content-length'] = '99';
    });
    expect(view['content-type']).toBe('application/json; charset=utf-8');
    expect(view['content-length']).toBe('2');
  });

  it('is empty without a request (stdio)', () => {
    expect(Object.keys(readRequestHeaders(undefined))).toEqual([]);
  });
});
