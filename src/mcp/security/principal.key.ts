import type { McpPrincipal } from './principal.interface.js';

/**
 * The one identity key of a principal: kind and id together, so that an agent whose id happens
 * to read `anonymous` never shares sessions, tasks or limits with unsigned callers.
 */
export function principalKey(principal: Pick<McpPrincipal, 'kind' | 'id'>): string {
  return `${principal.kind}:${principal.id}`;
}

/** Whether two principals are the same caller (kind and id). */
export function samePrincipal(
  a: Pick<McpPrincipal, 'kind' | 'id'>,
  b: Pick<McpPrincipal, 'kind' | 'id'>,
): boolean {
  return a.kind === b.kind && a.id === b.id;
}
