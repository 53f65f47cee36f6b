/**
 * Ids of the built-in principals (unsigned and stdio callers). Principals compare by kind and
 * id, so an agent so named could not share their sessions; it is refused anyway, because logs,
 * audits and host code reading `principal.id` alone would mistake it for them.
 */
const RESERVED_PRINCIPAL_IDS: ReadonlySet<string> = new Set(['anonymous', 'local']);

/** Whether an agent key may not use this principal id (case-insensitive). */
export function isReservedPrincipalId(id: string): boolean {
  return RESERVED_PRINCIPAL_IDS.has(id.toLowerCase());
}
