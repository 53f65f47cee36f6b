import type { AccessPolicy } from '../registry/registry.types.js';
import type { McpPrincipal } from './principal.interface.js';

/**
 * Whether a principal may see and use an entry. The local (stdio) user may use everything;
 * anonymous callers only public entries; agents and token holders need every scope and role
 * the entry names, and entries that require a signature are for agents only. Keep it a
 * function of the principal's kind, scopes and roles: ListPageCache shares list pages on those.
 */
export function canUse(policy: AccessPolicy, principal: McpPrincipal): boolean {
  if (principal.kind === 'local') return true;
  if (principal.kind === 'anonymous') return policy.public;
  if (policy.requireSignature && principal.kind !== 'agent') return false;
  return hasGrants(policy, principal);
}

export function hasGrants(policy: AccessPolicy, principal: McpPrincipal): boolean {
  return (
    policy.scopes.every((s) => principal.scopes.includes(s)) &&
    policy.roles.every((r) => principal.roles.includes(r))
  );
}
