import { call, type RawResponse } from './raw-http.js';

export const STATELESS_VERSION = '2026-07-28';
export const SESSION_VERSION = '2025-11-25';

/** Accept header every Streamable HTTP POST must carry. */
export const ACCEPT_BOTH = 'application/json, text/event-stream';

export const JSON_POST_HEADERS = {
  'content-type': 'application/json',
  accept: ACCEPT_BOTH,
} as const;

/** A JSON-RPC `initialize` request of the session era. */
export function initializeRequest(
  id: number | string = 1,
  protocolVersion = SESSION_VERSION,
): Record<string, unknown> {
  return {
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: {
      protocolVersion,
      capabilities: {},
      clientInfo: { name: 'raw-e2e', version: '1.0.0' },
    },
  };
}

/** Runs the session-era handshake over raw HTTP and returns the issued session id. */
export async function openSession(
  url: string,
): Promise<{ sessionId: string; response: RawResponse }> {
  const response = await call(url, {
    headers: JSON_POST_HEADERS,
    body: JSON.stringify(initializeRequest()),
  });
  const sessionId = response.headers['mcp-session-id'];
  if (response.status !== 200 || typeof sessionId !== 'string') {
    throw new Error(`initialize failed: ${response.status} ${response.text}`);
  }
  const initialized = await call(url, {
    headers: {
      ...JSON_POST_HEADERS,
      'mcp-session-id': sessionId,
      'mcp-protocol-version': SESSION_VERSION,
    },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  if (initialized.status !== 202)
    throw new Error(`notifications/initialized failed: ${initialized.status}`);
  return { sessionId, response };
}

/** Headers of a session-era request on an open session. */
export function sessionHeaders(
  sessionId: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...JSON_POST_HEADERS,
    'mcp-session-id': sessionId,
    'mcp-protocol-version': SESSION_VERSION,
    ...extra,
  };
}

/** The per-request `_meta` envelope of the stateless era. */
export function statelessMeta(
  version = STATELESS_VERSION,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    'io.modelcontextprotocol/protocolVersion': version,
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': { name: 'raw-e2e', version: '1.0.0' },
    ...extra,
  };
}

/** A stateless-era request with its envelope. */
export function statelessRequest(
  id: number | string,
  method: string,
  params: Record<string, unknown> = {},
  version = STATELESS_VERSION,
): Record<string, unknown> {
  return { jsonrpc: '2.0', id, method, params: { ...params, _meta: statelessMeta(version) } };
}

/** SEP-2243 headers of a stateless request (`Mcp-Name` for named methods). */
export function statelessHeaders(
  method: string,
  name?: string,
  version = STATELESS_VERSION,
): Record<string, string> {
  return {
    ...JSON_POST_HEADERS,
    'mcp-protocol-version': version,
    'mcp-method': method,
    ...(name === undefined ? {} : { 'mcp-name': name }),
  };
}
