import { request as httpRequest, type IncomingMessage } from 'node:http';
import { SseReader } from '../sse-reader.js';
import type { WireRequest } from './signed-request.js';

/** An open SSE response (or the refusal that came instead). */
export interface OpenStream {
  status: number;
  headers: IncomingMessage['headers'];
  /** Events of a 200 text/event-stream answer. */
  reader?: SseReader;
  /** The body of a non-stream answer. */
  text?: string;
  close: () => void;
}

/** Sends `req` and hands back the SSE stream as soon as the response head arrives. */
export function openStream(
  port: number,
  req: WireRequest,
  options: { host?: string } = {},
): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const out = httpRequest({
      host: '127.0.0.1',
      port,
      method: req.method,
      path: req.path,
      agent: false,
    });
    for (const [name, value] of Object.entries(req.headers)) out.setHeader(name, value);
    if (options.host) out.setHeader('host', options.host);
    out.on('error', reject);
    out.on('response', (res) => {
      const close = () => out.destroy();
      const isStream = (res.headers['content-type'] ?? '').startsWith('text/event-stream');
      if (res.statusCode === 200 && isStream) {
        resolve({ status: 200, headers: res.headers, reader: new SseReader(res), close });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
          close,
        }),
      );
    });
    out.end(req.body);
  });
}
