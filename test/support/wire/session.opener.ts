import { maybeSign, type SignerOf } from '../security/request.signer.js';
import { send } from './http.client.js';
import { initializeMessage, sessionRequest } from './session.requests.js';
import { jsonPost, type WireHeaders } from './wire.request.js';

export interface OpenSessionOptions {
  /** Signs both requests as this agent; anonymous without. */
  agent?: SignerOf;
  /** What the agent signs for (`@target-uri` base). Default: the URL's origin. */
  publicBaseUrl?: string;
  /** Extra headers on the `initialize` request (Host, Origin…). */
  headers?: WireHeaders;
}

/**
 * Runs the session-era handshake (`initialize` + `notifications/initialized`) against the MCP
 * endpoint at `url` and returns the issued session id; throws when either step fails.
 */
export async function openSession(url: string, options: OpenSessionOptions = {}): Promise<string> {
  const endpoint = new URL(url);
  if (endpoint.hostname !== '127.0.0.1') throw new Error(`openSession speaks to 127.0.0.1: ${url}`);
  const port = Number(endpoint.port);
  const path = endpoint.pathname + endpoint.search;
  const base = options.publicBaseUrl ?? endpoint.origin;
  const init = jsonPost(initializeMessage(), options.headers, path);
  const res = await send(port, maybeSign(options.agent, init, base));
  const sid = res.headers['mcp-session-id'];
  if (res.status !== 200 || typeof sid !== 'string')
    throw new Error(`initialize failed: ${res.status} ${res.text}`);
  const initialized = sessionRequest(
    sid,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    {},
    path,
  );
  const done = await send(port, maybeSign(options.agent, initialized, base));
  if (done.status !== 202) throw new Error(`initialized failed: ${done.status} ${done.text}`);
  return sid;
}
