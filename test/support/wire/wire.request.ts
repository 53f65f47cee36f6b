import { JSON_POST_HEADERS } from './wire.constants.js';

/** Header values given as arrays go out as repeated lines. */
export type WireHeaders = Record<string, string | string[]>;

/** One request as it goes on the wire (signable: the body is the exact bytes sent). */
export interface WireRequest {
  method: string;
  /** Path and query exactly as sent (the request-target). */
  path: string;
  headers: WireHeaders;
  body?: Buffer;
}

/** A plain JSON POST to `path` with the given body bytes (raw cases of either era). */
export function jsonPost(
  body: string | Buffer | object,
  headers: WireHeaders = {},
  path = '/mcp',
): WireRequest {
  const bytes =
    typeof body === 'string' || Buffer.isBuffer(body)
      ? Buffer.from(body)
      : Buffer.from(JSON.stringify(body));
  return { method: 'POST', path, headers: { ...JSON_POST_HEADERS, ...headers }, body: bytes };
}

/** Copies a request (headers and body), so a captured request can be replayed or altered. */
export function cloneRequest(req: WireRequest, changes: Partial<WireRequest> = {}): WireRequest {
  return { ...req, headers: { ...req.headers }, ...changes };
}
