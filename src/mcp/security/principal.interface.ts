/**
 * Who is calling: an anonymous client, a signed agent, or the local user of a stdio server.
 * Handed to handlers frozen.
 */
export interface McpPrincipal {
  /** Stable identity (sessions, rate limits and audit key on it, never on a key id). */
  readonly id: string;
  readonly kind: 'agent' | 'anonymous' | 'local';
  readonly keyid?: string;
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
  /** `created` of the signature that authenticated this very request (seconds). */
  readonly signedAt?: number;
}

/** The principal of unsigned requests. */
export const ANONYMOUS_PRINCIPAL: McpPrincipal = Object.freeze({
  id: 'anonymous',
  kind: 'anonymous',
  scopes: Object.freeze([]),
  roles: Object.freeze([]),
});

/** The principal of a stdio server: the user who started the process. */
export const LOCAL_PRINCIPAL: McpPrincipal = Object.freeze({
  id: 'local',
  kind: 'local',
  scopes: Object.freeze([]),
  roles: Object.freeze([]),
});
