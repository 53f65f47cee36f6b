import { InvalidTokenError } from './invalid-token.error.js';
import type { McpVerifiedToken } from './token-verifier.interface.js';

const words = (value: unknown): string[] =>
  typeof value === 'string'
    ? value.split(' ').filter(Boolean)
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string' && v.length > 0)
      : [];

/** Scopes of a token: `scope` (RFC 8693/9068, space-separated) or `scp` (string or list). */
export function scopesOf(claims: Record<string, unknown>): string[] {
  return [...new Set([...words(claims.scope), ...words(claims.scp)])];
}

/** The strings at a dot path (`realm_access.roles`), as a list; nothing when absent. */
export function stringsAt(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return [];
    value = (value as Record<string, unknown>)[key];
  }
  return words(value);
}

const seconds = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * What a JWT payload or an introspection answer says, in one shape. `fallbackIssuer` serves
 * introspection answers that omit `iss` (RFC 7662 makes it optional).
 */
export function verifiedTokenOf(
  claims: Record<string, unknown>,
  fallbackIssuer?: string,
): McpVerifiedToken {
  const issuer = typeof claims.iss === 'string' ? claims.iss : fallbackIssuer;
  const clientId =
    typeof claims.client_id === 'string'
      ? claims.client_id
      : typeof claims.azp === 'string'
        ? claims.azp
        : undefined;
  // Client-credentials tokens of some servers carry no `sub`: the client is then the subject.
  const subject = typeof claims.sub === 'string' && claims.sub ? claims.sub : clientId;
  const expiresAt = seconds(claims.exp);
  if (!issuer) throw new InvalidTokenError('no iss');
  if (!subject) throw new InvalidTokenError('no sub or client_id');
  if (expiresAt === undefined) throw new InvalidTokenError('no exp');
  return {
    issuer,
    subject,
    audience: words(claims.aud),
    expiresAt,
    notBefore: seconds(claims.nbf),
    clientId,
    scopes: scopesOf(claims),
    claims: Object.freeze({ ...claims }),
  };
}
