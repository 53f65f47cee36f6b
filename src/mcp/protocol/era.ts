import { META_PROTOCOL_VERSION } from '../config/mcp.constants.js';
import type { ParsedMessage } from './message.parser.js';

/**
 * The stateless era is chosen by the message itself: a request carrying the 2026-07-28 `_meta`
 * envelope, or `server/discover`. Transports add what they know besides (HTTP: the version
 * header, and a session id that keeps `server/discover` in its session).
 */
export function carriesStatelessEnvelope(parsed: ParsedMessage): boolean {
  if (parsed.kind === 'response') return false;
  const meta = parsed.message.params?._meta;
  return meta !== null && typeof meta === 'object' && META_PROTOCOL_VERSION in meta;
}
