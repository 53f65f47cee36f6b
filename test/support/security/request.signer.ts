import { RequestSigner } from '../../../src/mcp/agent/request-signer.js';
import type { WireHeaders, WireRequest } from '../wire/wire.request.js';
import type { SigningAgent } from './agents.js';

/** What signing needs of an agent. */
export type SignerOf = Pick<SigningAgent, 'keyid' | 'alg' | 'key'>;

function headersOf(req: WireRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    for (const line of Array.isArray(value) ? value : [value]) headers.append(name, line);
  return headers;
}

function withHeaders(req: WireRequest, headers: Headers): WireRequest {
  const record: WireHeaders = { ...req.headers };
  headers.forEach((value, name) => {
    if (!(name in record)) record[name] = value;
  });
  return { ...req, headers: record };
}

/**
 * Signs a request exactly as an agent using the library would: the library's own
 * `RequestSigner` (the engine of `createSignedFetch`), `@target-uri` = public base URL + path.
 */
export function sign(
  agent: SignerOf,
  req: WireRequest,
  publicBaseUrl: string,
  options: { msign?: boolean; now?: () => number } = {},
): WireRequest {
  const headers = headersOf(req);
  new RequestSigner({ keyid: agent.keyid, alg: agent.alg, key: agent.key, ...options }).sign({
    method: req.method,
    targetUri: publicBaseUrl + req.path,
    headers,
    body: req.body,
  });
  return withHeaders(req, headers);
}

/** Signs `req` when an agent is given; anonymous requests go out as they are. */
export function maybeSign(
  agent: SignerOf | undefined,
  req: WireRequest,
  publicBaseUrl: string,
): WireRequest {
  return agent ? sign(agent, req, publicBaseUrl) : req;
}
