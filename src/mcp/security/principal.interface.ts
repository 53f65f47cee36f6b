/**
 * Who is calling: an anonymous client, a signed agent, the holder of an OAuth access token
 * (`bearer`), or the local user of a stdio server. Handed to handlers frozen. Compare two
 * principals with `samePrincipal()` (kind and id), never by id alone.
 */
export interface McpPrincipal {
  /** Stable identity (sessions, rate limits and audit key on it, never on a key id). */
  readonly id: string;
  readonly kind: 'agent' | 'bearer' | 'anonymous' | 'local';
  /** The signing key (agents). */
  readonly keyid?: string;
  /** The OAuth client the token was issued to (`client_id` or `azp`; bearer principals). */
  readonly clientId?: string;
  /** The authorization server that issued the token (bearer principals). */
  readonly issuer?: string;
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
