import { RAW_CLIENT_INFO, SESSION_VERSION, JSON_POST_HEADERS } from './wire.constants.js';
import { jsonPost, type WireHeaders, type WireRequest } from './wire.request.js';

/** A JSON-RPC `initialize` message of the session era. */
export function initializeMessage(
  id: number | string = 1,
  protocolVersion: string = SESSION_VERSION,
): Record<string, unknown> {
  return {
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion, capabilities: {}, clientInfo: RAW_CLIENT_INFO },
  };
}

/** Headers of a session-era POST on an open session. */
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

/** A session-era POST of `message` on session `sid`. */
export function sessionRequest(
  sid: string,
  message: Record<string, unknown>,
  extra: WireHeaders = {},
  path = '/mcp',
): WireRequest {
  return jsonPost(message, { ...sessionHeaders(sid), ...extra }, path);
}

/** The `GET` that opens the standalone SSE stream of session `sid`. */
export function sessionStream(sid: string, extra: WireHeaders = {}, path = '/mcp'): WireRequest {
  return {
    method: 'GET',
    path,
    headers: {
      accept: 'text/event-stream',
      'mcp-session-id': sid,
      'mcp-protocol-version': SESSION_VERSION,
      ...extra,
    },
  };
}
