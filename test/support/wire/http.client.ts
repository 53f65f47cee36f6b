import {
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import type { WireRequest } from './wire.request.js';

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

/** A request by URL. A `WireRequest` fits (its `path` is then ignored: the URL says where). */
export interface HttpCall {
  method?: string;
  /** Header values given as arrays are sent as repeated header lines. */
  headers?: Record<string, string | string[] | number>;
  body?: string | Buffer;
  /** Body split into chunks sent with chunked transfer encoding. */
  chunks?: Buffer[];
}

/** Where `send` and `openStream` go: 127.0.0.1:port, optionally from another loopback address. */
export interface SendOptions {
  localAddress?: string;
  /** Overrides the `Host` header (rebinding and proxy cases). */
  host?: string;
}

/** Writes headers and body on `req`; resolves with the response as soon as its head arrives. */
function dispatch(req: ClientRequest, call: HttpCall): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    for (const [name, value] of Object.entries(call.headers ?? {})) req.setHeader(name, value);
    req.on('error', reject);
    req.on('response', resolve);
    if (call.chunks) {
      for (const chunk of call.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(call.body);
    }
  });
}

/** Reads a response body whole. */
export function readResponse(res: IncomingMessage): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body,
        text,
        json: <T>() => JSON.parse(text) as T,
      });
    });
    res.on('error', reject);
  });
}

/** A request to 127.0.0.1:port on its own connection, with the request-target sent verbatim. */
function loopback(port: number, req: WireRequest, options: SendOptions): [ClientRequest, HttpCall] {
  const out = httpRequest({
    host: '127.0.0.1',
    port,
    method: req.method,
    path: req.path,
    localAddress: options.localAddress,
    agent: false,
  });
  const headers = options.host ? { ...req.headers, host: options.host } : req.headers;
  return [out, { headers, body: req.body }];
}

/**
 * One request through `node:http`, which (unlike fetch) can repeat header lines and send any
 * Host. The response body is read whole.
 */
export async function call(url: string, options: HttpCall = {}): Promise<RawResponse> {
  return readResponse(
    await dispatch(httpRequest(url, { method: options.method ?? 'POST' }), options),
  );
}

/** Opens a request and hands back the response as soon as its head arrives (for streams). */
export async function open(
  url: string,
  options: HttpCall = {},
): Promise<{ res: IncomingMessage; abort: () => void }> {
  const req = httpRequest(url, { method: options.method ?? 'GET' });
  return { res: await dispatch(req, options), abort: () => req.destroy() };
}

/** Sends a `WireRequest` to the app on 127.0.0.1:port; the response body is read whole. */
export async function send(
  port: number,
  req: WireRequest,
  options: SendOptions = {},
): Promise<RawResponse> {
  return readResponse(await dispatch(...loopback(port, req, options)));
}

/** Sends a `WireRequest` to 127.0.0.1:port and hands back the response head (for streams). */
export async function sendOpen(
  port: number,
  req: WireRequest,
  options: SendOptions = {},
): Promise<{ res: IncomingMessage; abort: () => void }> {
  const [out, body] = loopback(port, req, options);
  return { res: await dispatch(out, body), abort: () => out.destroy() };
}
