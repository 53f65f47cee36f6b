import { isUtf8 } from 'node:buffer';
import { ErrorCode, McpError } from './mcp.error.js';
import { checkJsonLimits, DEFAULT_JSON_LIMITS, type JsonLimits } from './json-limits.js';
import { prescanJson } from './json-prescan.js';
import type {
  JsonRpcId,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from './jsonrpc.types.js';

const MAX_ID_LENGTH = 256;

/** A message parsed once: the same object is judged by every later stage and dispatched. */
export type ParsedMessage =
  | { kind: 'request'; message: JsonRpcRequest }
  | { kind: 'notification'; message: JsonRpcNotification }
  | { kind: 'response'; message: JsonRpcResponse };

function invalid(reason: string): McpError {
  return new McpError(ErrorCode.InvalidRequest, 'Invalid Request', { reason }, 400);
}

/**
 * Decodes raw bytes as strict UTF-8 JSON (no BOM, no invalid sequences), refusing deep or
 * token-heavy text before `JSON.parse` spends time on it (-32600).
 */
export function parseJsonBytes(
  raw: Buffer | string,
  limits: Pick<JsonLimits, 'maxDepth' | 'maxTokens'> = DEFAULT_JSON_LIMITS,
): unknown {
  // isUtf8 + toString: a native check and a plain decode, cheaper than a fatal TextDecoder.
  if (typeof raw !== 'string' && !isUtf8(raw))
    throw new McpError(ErrorCode.ParseError, 'Parse error', { reason: 'invalid UTF-8' }, 400);
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) {
    throw new McpError(ErrorCode.ParseError, 'Parse error', { reason: 'byte order mark' }, 400);
  }
  const broken = prescanJson(text, limits);
  if (broken) throw invalid(broken);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new McpError(ErrorCode.ParseError, 'Parse error', undefined, 400);
  }
}

export function isValidId(id: unknown): id is JsonRpcId {
  return typeof id === 'string'
    ? id.length <= MAX_ID_LENGTH
    : typeof id === 'number' && Number.isSafeInteger(id);
}

/**
 * Classifies one JSON value as a JSON-RPC request, notification or response.
 * Batches are refused: every protocol version this server speaks since 2025-06-18 removed them,
 * and no current client sends them.
 */
export function toJsonRpcMessage(
  value: unknown,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): ParsedMessage {
  if (Array.isArray(value)) throw invalid('batch requests are not supported');
  if (value === null || typeof value !== 'object') throw invalid('not a JSON-RPC object');
  const broken = checkJsonLimits(value, limits);
  if (broken) throw invalid(broken);
  const msg = value as Record<string, unknown>;
  const id = msg.id;
  const hasId = 'id' in msg;
  if (msg.jsonrpc !== '2.0') throw invalid('jsonrpc must be "2.0"');
  if (hasId && !isValidId(id)) throw invalid('id must be a string or a safe integer');
  if (typeof msg.method === 'string') {
    if (
      msg.params !== undefined &&
      (msg.params === null || typeof msg.params !== 'object' || Array.isArray(msg.params))
    ) {
      throw new McpError(ErrorCode.InvalidParams, 'params must be an object', undefined, 400);
    }
    return hasId
      ? { kind: 'request', message: msg as unknown as JsonRpcRequest }
      : { kind: 'notification', message: msg as unknown as JsonRpcNotification };
  }
  if (hasId && ('result' in msg || 'error' in msg)) {
    return { kind: 'response', message: msg as unknown as JsonRpcResponse };
  }
  throw invalid('neither a request, a notification nor a response');
}

/** A message that failed parsing, with the request id to answer under when one was readable. */
export interface UnparsedMessage {
  error: McpError;
  id: JsonRpcId | null;
}

/**
 * Parses raw bytes into one classified message, for every transport alike. On failure the
 * error comes with the message's id when it had a valid one (JSON-RPC answers under it).
 */
export function parseMessage(raw: Buffer | string): { parsed: ParsedMessage } | UnparsedMessage {
  let value: unknown;
  try {
    value = parseJsonBytes(raw);
    return { parsed: toJsonRpcMessage(value) };
  } catch (error) {
    const id = (value as { id?: unknown } | null | undefined)?.id;
    return { error: error as McpError, id: isValidId(id) ? id : null };
  }
}
