import type { ServerResponse } from 'node:http';
import type { JsonRpcId } from '../../protocol/jsonrpc.types.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { stringifyMessage } from '../../protocol/raw-json.js';

export type Headers = Record<string, string | number>;

/** Serialises once and writes a JSON body (one string: Node sends it with the head). */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Headers = {},
): void {
  const payload = stringifyMessage(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

export function writeEmpty(res: ServerResponse, status: number, headers: Headers = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/** A JSON-RPC error body; transport rejections carry no id (they precede any parsing). */
export function writeError(
  res: ServerResponse,
  status: number,
  error: McpError,
  id: JsonRpcId | null = null,
  headers: Headers = {},
): void {
  writeJson(res, status, { jsonrpc: '2.0', id, error: error.toJSON() }, headers);
}

/** Shorthand for transport-level rejections (-32000). */
export function reject(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Headers = {},
): void {
  writeError(res, status, new McpError(ErrorCode.ServerError, message), null, headers);
}
