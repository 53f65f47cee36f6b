import { JSON_POST_HEADERS, RAW_CLIENT_INFO, STATELESS_VERSION } from './wire.constants.js';
import type { WireRequest } from './wire.request.js';

/** Options of a stateless-era message: id, version and extra `_meta` entries. */
export interface StatelessOptions {
  id?: number | string;
  /** `Mcp-Name` (SEP-2243) of a named method such as `tools/call`. */
  name?: string;
  version?: string;
  meta?: Record<string, unknown>;
}

/** The per-request `_meta` envelope of the stateless era. */
export function statelessMeta(
  version: string = STATELESS_VERSION,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    'io.modelcontextprotocol/protocolVersion': version,
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': RAW_CLIENT_INFO,
    ...extra,
  };
}

/** SEP-2243 headers of a stateless POST (`Mcp-Name` for named methods). */
export function statelessHeaders(
  method: string,
  name?: string,
  version: string = STATELESS_VERSION,
): Record<string, string> {
  return {
    ...JSON_POST_HEADERS,
    'mcp-protocol-version': version,
    'mcp-method': method,
    ...(name === undefined ? {} : { 'mcp-name': name }),
  };
}

/** The JSON-RPC message of a stateless-era request, envelope included (for hand-edited cases). */
export function statelessMessage(
  method: string,
  params: Record<string, unknown> = {},
  options: StatelessOptions = {},
): Record<string, unknown> {
  return {
    jsonrpc: '2.0',
    id: options.id ?? 1,
    method,
    params: { ...params, _meta: statelessMeta(options.version, options.meta) },
  };
}

/** A stateless-era POST to `/mcp`: its message and the matching SEP-2243 headers. */
export function statelessRequest(
  method: string,
  params: Record<string, unknown> = {},
  options: StatelessOptions = {},
): WireRequest {
  return {
    method: 'POST',
    path: '/mcp',
    headers: statelessHeaders(method, options.name, options.version),
    body: Buffer.from(JSON.stringify(statelessMessage(method, params, options))),
  };
}

/** A stateless-era `tools/call`. */
export function toolCall(
  name: string,
  args: Record<string, unknown> = {},
  id: number | string = 1,
): WireRequest {
  return statelessRequest('tools/call', { name, arguments: args }, { id, name });
}
