import type { McpPrincipal } from '../security/principal.interface.js';
import type { AccessPolicy } from '../registry/registry.types.js';
import { canUse } from '../security/access.policy.js';
import { paginate } from '../registry/list-cursor.js';

/** A registry entry as the list methods see it: its wire definition and who may use it. */
interface Listed<D> {
  readonly definition: D;
  readonly policy: AccessPolicy;
}

/**
 * One page of a `…/list` answer: the definitions the principal may use, in key order, after
 * the cursor; `nextCursor` only when more follow.
 */
export function visiblePage<D>(
  entries: readonly Listed<D>[],
  principal: McpPrincipal,
  keyOf: (definition: D) => string,
  cursor: unknown,
  pageSize: number,
): { page: D[]; nextCursor?: string } {
  const visible = entries.filter((entry) => canUse(entry.policy, principal));
  const { page, nextCursor } = paginate(visible, (e) => keyOf(e.definition), cursor, pageSize);
  const definitions = page.map((e) => e.definition);
  return nextCursor ? { page: definitions, nextCursor } : { page: definitions };
}

/** A whole `…/list` answer: `{ [field]: page, nextCursor? }`. */
export function listAnswer<D>(
  field: string,
  entries: readonly Listed<D>[],
  keyOf: (definition: D) => string,
  params: Record<string, unknown>,
  principal: McpPrincipal,
  pageSize: number,
): Record<string, unknown> {
  const { page, nextCursor } = visiblePage(entries, principal, keyOf, params.cursor, pageSize);
  return nextCursor ? { [field]: page, nextCursor } : { [field]: page };
}
