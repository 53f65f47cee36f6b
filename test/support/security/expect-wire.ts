import { expect } from 'vitest';
import { type RawResponse, send, type Wire } from '../wire/http.client.js';
import type { WireRequest } from '../wire/wire.request.js';
import type { SecureApp } from './secure-app.js';

/** The challenge of every 401 (docs/signing.md §6). */
export const ACCEPT_SIGNATURE = 'sig=("@method" "@target-uri" "content-digest");created;tag="mcp"';

/** A JSON-RPC error body with this HTTP status and code; returns the body. */
export function expectRpcError(res: RawResponse, status: number, code: number): Wire {
  expect({ status: res.status, text: res.text }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(body.jsonrpc).toBe('2.0');
  expect(body.error?.code).toBe(code);
  return body;
}

/** 401 with `WWW-Authenticate: Signature … error="…"` and `Accept-Signature`. */
export function expectUnauthorized(res: RawResponse, error = 'invalid_signature'): Wire {
  const body = expectRpcError(res, 401, -32011);
  expect(res.headers['www-authenticate']).toMatch(
    new RegExp(`^Signature realm="mcp", error="${error}"`),
  );
  expect(res.headers['accept-signature']).toBe(ACCEPT_SIGNATURE);
  expect(body.id).toBeNull();
  return body;
}

/** 401 from the dispatcher (the call reached it, e.g. a write tool without a principal): id echoed. */
export function expectCallUnauthorized(res: RawResponse, error = 'invalid_signature'): Wire {
  const body = expectRpcError(res, 401, -32011);
  expect(res.headers['www-authenticate']).toMatch(
    new RegExp(`^Signature realm="mcp", error="${error}"`),
  );
  expect(res.headers['accept-signature']).toBe(ACCEPT_SIGNATURE);
  return body;
}

/** 400 for malformed signature fields (`error="invalid_request"`, -32010). */
export function expectMalformedSignature(res: RawResponse): Wire {
  const body = expectRpcError(res, 400, -32010);
  expect(res.headers['www-authenticate']).toMatch(
    /^Signature realm="mcp", error="invalid_request"/,
  );
  return body;
}

/** A transport rejection: status, -32000, no id. */
export function expectTransportError(res: RawResponse, status: number): Wire {
  const body = expectRpcError(res, status, -32000);
  expect(body.id).toBeNull();
  return body;
}

/** 200 with a JSON-RPC result (plain JSON); returns the result. */
export function expectResult(res: RawResponse): Wire {
  expect({ status: res.status, text: res.text }).toMatchObject({ status: 200 });
  const body = res.json();
  expect(body.error).toBeUndefined();
  return body.result as Wire;
}

/** A `Retry-After` that is a plain positive integer of seconds. */
export function expectRetryAfter(res: RawResponse): number {
  const value = res.headers['retry-after'];
  expect(value).toMatch(/^[1-9]\d*$/);
  return Number(value);
}

/** Sends a request that must be refused: runs the checks and asserts that no tool handler ran. */
export async function refused(
  app: Pick<SecureApp, 'port' | 'probe'>,
  req: WireRequest,
  check: (res: RawResponse) => unknown,
): Promise<RawResponse> {
  const before = app.probe.total;
  const res = await send(app.port, req);
  check(res);
  expect(app.probe.total).toBe(before);
  return res;
}
