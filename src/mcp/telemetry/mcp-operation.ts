import type { IncomingMessage } from 'node:http';
import type { JsonRpcNotification, JsonRpcRequest } from '../protocol/jsonrpc.types.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import type { McpPrincipal } from '../security/principal.interface.js';
import { CANCELLED, Semconv, TOOL_ERROR } from './telemetry.constants.js';

type Attributes = Record<string, string | number>;

/** The signal of a message nothing can cancel (`initialize`, a notification). */
export const NOT_CANCELLED: AbortSignal = new AbortController().signal;

/** One MCP request (or notification) as the era adapters see it, before it runs. */
export interface McpOperationInfo {
  readonly message: JsonRpcRequest | JsonRpcNotification;
  readonly protocolVersion?: string;
  readonly sessionId?: string;
  readonly principal: McpPrincipal;
  readonly signal: AbortSignal;
  /** The HTTP request that carried it; absent on stdio. */
  readonly http?: IncomingMessage;
}

/** A session-era message that nothing can cancel (`initialize`, a notification) over HTTP. */
export function sessionOperation(
  message: JsonRpcRequest | JsonRpcNotification,
  session: { readonly id: string; readonly protocolVersion?: string },
  principal: McpPrincipal,
  http: IncomingMessage,
): McpOperationInfo {
  return {
    message,
    protocolVersion: session.protocolVersion,
    sessionId: session.id,
    principal,
    signal: NOT_CANCELLED,
    http,
  };
}

/** What the span, the histogram and the access log say about one request. */
export interface OperationDescription {
  name: string;
  /** The tool or prompt (span name and access log); undefined for other methods. */
  target?: string;
  spanAttributes: Attributes;
  metricAttributes: Attributes;
}

/** How a request ended. */
export interface OperationOutcome {
  /** `ok`, `input_required`, `tool_error`, `cancelled` or the JSON-RPC error code. */
  label: string;
  errorType?: string;
  statusCode?: string;
  message?: string;
  /** An unexpected exception (not an McpError): recorded on the span. */
  exception?: unknown;
}

/**
 * Span name and attributes by the MCP semantic conventions. `isKnown` tells whether a tool or
 * prompt name is registered: only those reach metric attributes and span names, so a client
 * cannot grow their cardinality.
 */
export function describeOperation(
  info: McpOperationInfo,
  isKnown: (kind: 'tool' | 'prompt', name: string) => boolean,
  recordPrincipal: boolean,
): OperationDescription {
  const { message, http } = info;
  const method = message.method;
  const params = message.params ?? {};
  const common: Attributes = { [Semconv.method]: method };
  if (info.protocolVersion) common[Semconv.protocolVersion] = info.protocolVersion;
  common[Semconv.networkTransport] = http ? 'tcp' : 'pipe';
  if (http) {
    common[Semconv.networkProtocolName] = 'http';
    common[Semconv.networkProtocolVersion] = http.httpVersion;
  }
  const metricAttributes: Attributes = { ...common };
  const spanAttributes: Attributes = common;
  let target: string | undefined;
  const name = typeof params.name === 'string' ? params.name : undefined;
  if (method === 'tools/call' && name !== undefined) {
    spanAttributes[Semconv.toolName] = name;
    spanAttributes[Semconv.operationName] = metricAttributes[Semconv.operationName] =
      'execute_tool';
    if (isKnown('tool', name)) target = metricAttributes[Semconv.toolName] = name;
  } else if (method === 'prompts/get' && name !== undefined) {
    spanAttributes[Semconv.promptName] = name;
    if (isKnown('prompt', name)) target = metricAttributes[Semconv.promptName] = name;
  } else if (typeof params.uri === 'string' && method.startsWith('resources/')) {
    // High cardinality: on spans only, never in the span name or on metrics.
    spanAttributes[Semconv.resourceUri] = params.uri;
  }
  if ('id' in message && message.id !== undefined && message.id !== null)
    spanAttributes[Semconv.requestId] = String(message.id);
  if (info.sessionId) spanAttributes[Semconv.sessionId] = info.sessionId;
  if (http?.socket?.remoteAddress) {
    spanAttributes[Semconv.clientAddress] = http.socket.remoteAddress;
    if (http.socket.remotePort) spanAttributes[Semconv.clientPort] = http.socket.remotePort;
  }
  if (recordPrincipal && info.principal.kind !== 'anonymous')
    spanAttributes[Semconv.enduserId] = info.principal.id;
  return {
    name: target === undefined ? method : `${method} ${target}`,
    target,
    spanAttributes,
    metricAttributes,
  };
}

/** A result: `isError` marks a failed tool (the conventions' `tool_error`). */
export function resultOutcome(
  result: Record<string, unknown>,
  signal: AbortSignal,
): OperationOutcome {
  if (signal.aborted) return { label: CANCELLED, errorType: CANCELLED };
  if (result.isError === true)
    return { label: TOOL_ERROR, errorType: TOOL_ERROR, message: firstText(result) };
  if (result.resultType === 'input_required') return { label: 'input_required' };
  return { label: 'ok' };
}

/** A thrown error: its JSON-RPC code, or -32603 for what the client sees as an internal error. */
export function errorOutcome(error: unknown, signal: AbortSignal): OperationOutcome {
  if (signal.aborted) return { label: CANCELLED, errorType: CANCELLED };
  if (error instanceof McpError) {
    const code = String(error.code);
    return { label: code, errorType: code, statusCode: code, message: error.message };
  }
  const code = String(ErrorCode.InternalError);
  return {
    label: code,
    errorType: code,
    statusCode: code,
    message: 'Internal error',
    exception: error,
  };
}

function firstText(result: Record<string, unknown>): string | undefined {
  const content = result.content;
  if (!Array.isArray(content)) return undefined;
  const text = (content as { type?: unknown; text?: unknown }[]).find((c) => c?.type === 'text');
  return typeof text?.text === 'string' ? text.text.slice(0, 200) : undefined;
}
