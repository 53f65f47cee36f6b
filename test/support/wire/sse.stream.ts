import type { IncomingMessage } from 'node:http';
import { SseReader } from '../sse-reader.js';
import { readResponse, sendOpen, type SendOptions } from './http.client.js';
import type { WireRequest } from './wire.request.js';

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

/** Sends `req` to 127.0.0.1:port and hands back the SSE stream as soon as the head arrives. */
export async function openStream(
  port: number,
  req: WireRequest,
  options: Pick<SendOptions, 'host'> = {},
): Promise<OpenStream> {
  const { res, abort: close } = await sendOpen(port, req, options);
  const isStream = (res.headers['content-type'] ?? '').startsWith('text/event-stream');
  if (res.statusCode === 200 && isStream)
    return { status: 200, headers: res.headers, reader: new SseReader(res), close };
  const { status, headers, text } = await readResponse(res);
  return { status, headers, text, close };
}
