import type { McpExchange } from '../context/mcp-exchange.interface.js';
import { principalKey } from '../security/principal.key.js';

/**
 * Who owns a task created (or steered) by this exchange. Every unsigned caller shares one
 * principal, so an anonymous task belongs to its session in the session era. In the stateless
 * era there is no session: the task id (≥ 122 random bits) is the capability, and such tasks
 * are never listed (`tasks/list` does not exist there, and this owner matches no session).
 */
export function taskOwner(exchange: Pick<McpExchange, 'principal' | 'era' | 'sessionId'>): string {
  const key = principalKey(exchange.principal);
  if (exchange.principal.kind !== 'anonymous') return key;
  return exchange.era === 'session' && exchange.sessionId
    ? `${key}@session:${exchange.sessionId}`
    : `${key}@stateless`;
}
