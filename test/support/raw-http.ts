import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A JSON value read back from the wire; tests assert on it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed on purpose: the assertions are the type check
export type Wire = Record<string, any>;

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json: <T = Wire>() => T;
}

export interface HttpCall {
  method?: string;
  /** Header values given as arrays are sent as repeated header lines. */
  headers?: Record<string, string | string[] | number>;
  body?: string | Buffer;
  /** Body split into chunks sent with chunked transfer encoding. */
  chunks?: Buffer[];
}

function toResponse(status: number, headers: IncomingHttpHeaders, body: Buffer): RawResponse {
  const text = body.toString('utf8');
  return { status, headers, body, text, json: <T>() => JSON.parse(text) as T };
}

/**
 * One request through `node:http`, which (unlike fetch) can repeat header lines and send any
 * Host. The response body is read whole.
 */
export function call(url: string, options: HttpCall = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST' });
    for (const [name, value] of Object.entries(options.headers ?? {})) req.setHeader(name, value);
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve(toResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))),
      );
      res.on('error', reject);
    });
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

/** Opens a request and hands back the response as soon as its head arrives (for streams). */
export function open(
  url: string,
  options: HttpCall = {},
): Promise<{ res: IncomingMessage; abort: () => void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET' });
    for (const [name, value] of Object.entries(options.headers ?? {})) req.setHeader(name, value);
    req.on('error', reject);
    req.on('response', (res) => resolve({ res, abort: () => req.destroy() }));
    req.end(options.body);
  });
}

/** What came back on a raw socket: the parsed head and whatever body bytes arrived. */
export interface SocketResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Raw bytes as received. */
  raw: string;
}

/**
 * Writes `head` (and optionally more bytes later) on a raw TCP socket, for requests no HTTP
 * client will send: duplicate Host lines, a Content-Length whose body never comes.
 * Resolves once a complete response (by Content-Length) or the socket end arrives.
 */
export function socketExchange(
  port: number,
  head: string,
  options: { timeoutMs?: number; keepSocket?: (socket: Socket) => void } = {},
): Promise<SocketResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      const parsed = parseResponse(received.toString('latin1'));
      if (!parsed)
        return reject(
          new Error(`no HTTP response head in: ${JSON.stringify(received.toString('latin1'))}`),
        );
      resolve(parsed);
    };
    const timer = setTimeout(
      () => finish(new Error('no complete response in time')),
      options.timeoutMs ?? 5_000,
    );
    socket.on('connect', () => {
      socket.write(head);
      options.keepSocket?.(socket);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseResponse(received.toString('latin1'));
      const headEnd = received.indexOf('\r\n\r\n');
      if (
        parsed &&
        received.length - headEnd - 4 >= Number(parsed.headers['content-length'] ?? Infinity)
      )
        finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (error) => (received.length ? finish() : finish(error)));
  });
}

function parseResponse(raw: string): SocketResponse | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(match[1]),
    headers,
    body: Buffer.from(raw.slice(end + 4), 'latin1').toString('utf8'),
    raw,
  };
}
