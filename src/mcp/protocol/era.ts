import { META_PROTOCOL_VERSION, STATELESS_ERA_VERSIONS } from '../config/mcp.constants.js';
import type { ParsedMessage } from './message.parser.js';

/** The protocol era of a request: session (2024-11-05 … 2025-11-25) or stateless (2026-07-28). */
export type McpEra = 'session' | 'stateless';

/** What a transport knows besides the message (HTTP has headers; stdio has none). */
export interface EraHints {
  /** The `MCP-Protocol-Version` header, when the transport has one. */
  versionHeader?: string;
  /** Whether the request names a session (HTTP: an `Mcp-Session-Id` header). */
  inSession?: boolean;
}

/**
 * The era of one incoming message, decided per message on every transport. Stateless: a
 * request carrying the 2026-07-28 `_meta` envelope, or a stateless version header, or
 * `server/discover` outside a session (a session keeps its own `server/discover`). Everything
 * else, responses included, belongs to the session era.
 */
export function eraOf(parsed: ParsedMessage, hints: EraHints = {}): McpEra {
  if (parsed.kind === 'response') return 'session';
  if (carriesStatelessEnvelope(parsed) || isStatelessVersion(hints.versionHeader))
    return 'stateless';
  return parsed.message.method === 'server/discover' && !hints.inSession ? 'stateless' : 'session';
}

/** Whether a protocol version (e.g. a header's value) belongs to the stateless era. */
export function isStatelessVersion(version: string | undefined): boolean {
  return version !== undefined && (STATELESS_ERA_VERSIONS as readonly string[]).includes(version);
}

function carriesStatelessEnvelope(parsed: ParsedMessage): boolean {
  if (parsed.kind === 'response') return false;
  const meta = parsed.message.params?._meta;
  return meta !== null && typeof meta === 'object' && META_PROTOCOL_VERSION in meta;
}
