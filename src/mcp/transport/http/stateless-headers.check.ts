import type { IncomingMessage } from 'node:http';
import type { JsonRpcRequest } from '../../protocol/jsonrpc.types.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { header } from './http-checks.js';
import { HttpMessages } from './http.messages.js';

const SENTINEL = /^=\?base64\?([A-Za-z0-9+/]*={0,2})\?=$/;
const NAMED_METHODS = new Set(['tools/call', 'prompts/get', 'resources/read']);
const TASK_METHODS = new Set(['tasks/get', 'tasks/update', 'tasks/cancel']);

function mismatch(why: string): McpError {
  return new McpError(ErrorCode.HeaderMismatch, HttpMessages.headerMismatch(why), undefined, 400);
}

/** Decodes a `=?base64?…?=` header value (strict base64); other values are taken literally. */
export function decodeHeaderValue(raw: string): string {
  const value = raw.trim();
  const match = SENTINEL.exec(value);
  if (!match) {
    if (value.startsWith('=?base64?') && value.endsWith('?='))
      throw mismatch(HttpMessages.malformedBase64Header());
    return value;
  }
  const encoded = match[1];
  const bytes = Buffer.from(encoded, 'base64');
  if (encoded.length % 4 !== 0 || bytes.toString('base64') !== encoded)
    throw mismatch(HttpMessages.malformedBase64Header());
  return bytes.toString('utf8');
}

/** The value `Mcp-Name` must carry for a method, or undefined when none is required. */
function nameOf(message: JsonRpcRequest): string | undefined {
  const params = message.params ?? {};
  if (NAMED_METHODS.has(message.method))
    return String(message.method === 'resources/read' ? params.uri : params.name);
  if (TASK_METHODS.has(message.method)) return String(params.taskId);
  return undefined;
}

/** SEP-2243: `Mcp-Method` and `Mcp-Name` must be present and equal to the body's values. */
export function checkStandardHeaders(req: IncomingMessage, message: JsonRpcRequest): void {
  const method = header(req, 'mcp-method');
  if (method === undefined) throw mismatch(HttpMessages.methodHeaderRequired());
  if (method.trim() !== message.method)
    throw mismatch(HttpMessages.methodHeaderDiffers(method.trim(), message.method));
  const expected = nameOf(message);
  if (expected === undefined) return;
  const name = header(req, 'mcp-name');
  if (name === undefined) throw mismatch(HttpMessages.nameHeaderRequired());
  const decoded = decodeHeaderValue(name);
  if (decoded !== expected) throw mismatch(HttpMessages.nameHeaderDiffers(decoded, expected));
}
