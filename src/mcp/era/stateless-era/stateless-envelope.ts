import { isLogLevel, type LogLevel } from '../../context/log-level.js';
import {
  META_CLIENT_CAPABILITIES,
  META_LOG_LEVEL,
  META_PROTOCOL_VERSION,
  STATELESS_ERA_VERSIONS,
} from '../../config/mcp.constants.js';
import { ErrorCode, McpRequestError, type McpError } from '../../protocol/mcp.error.js';

/** The per-request `_meta` envelope of the stateless era, checked. */
export interface StatelessEnvelope {
  protocolVersion: string;
  clientCapabilities: Record<string, unknown>;
  logLevel: LogLevel | undefined;
  meta: Record<string, unknown>;
}

const bad = (message: string): McpError => new McpRequestError(ErrorCode.InvalidParams, message);

/**
 * Validates the envelope in the order clients rely on: fields present (-32602), header and
 * body agree (-32020), version supported (-32022).
 */
export function readEnvelope(
  params: Record<string, unknown> | undefined,
  headerVersion: string | undefined,
): StatelessEnvelope {
  const meta = params?._meta;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta))
    throw bad('params._meta is required in protocol version 2026-07-28');
  const m = meta as Record<string, unknown>;
  const version = m[META_PROTOCOL_VERSION];
  if (typeof version !== 'string')
    throw bad(`params._meta["${META_PROTOCOL_VERSION}"] is required`);
  const caps = m[META_CLIENT_CAPABILITIES];
  if (caps === null || typeof caps !== 'object' || Array.isArray(caps))
    throw bad(`params._meta["${META_CLIENT_CAPABILITIES}"] is required`);
  if (headerVersion !== undefined && headerVersion !== version) {
    throw new McpRequestError(
      ErrorCode.HeaderMismatch,
      `Header mismatch: MCP-Protocol-Version "${headerVersion}" does not match _meta protocolVersion "${version}"`,
    );
  }
  if (!(STATELESS_ERA_VERSIONS as readonly string[]).includes(version)) {
    throw new McpRequestError(
      ErrorCode.UnsupportedVersion,
      `Unsupported protocol version: ${version}`,
      { supported: [...STATELESS_ERA_VERSIONS], requested: version },
    );
  }
  const level = m[META_LOG_LEVEL];
  return {
    protocolVersion: version,
    clientCapabilities: caps as Record<string, unknown>,
    logLevel: isLogLevel(level) ? level : undefined,
    meta: m,
  };
}
