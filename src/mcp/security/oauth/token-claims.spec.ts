import { describe, expect, it } from 'vitest';
import { InvalidTokenError } from './invalid-token.error.js';
import { scopesOf, stringsAt, verifiedTokenOf } from './token-claims.js';

describe('token claims', () => {
  it('reads scopes from `scope` (space-separated) and `scp` (string or list), once each', () => {
    expect(scopesOf({ scope: 'a b  c' })).toEqual(['a', 'b', 'c']);
    expect(scopesOf({ scp: ['a', 'b', 3] })).toEqual(['a', 'b']);
    expect(scopesOf({ scp: 'Files.Read a', scope: 'a' })).toEqual(['a', 'Files.Read']);
    expect(scopesOf({})).toEqual([]);
  });

  it('reads roles at a dot path (Keycloak realm_access.roles), nothing when absent or odd', () => {
    const claims = { realm_access: { roles: ['admin', 'user'] }, roles: 'x y' };
    expect(stringsAt(claims, 'realm_access.roles')).toEqual(['admin', 'user']);
    expect(stringsAt(claims, 'roles')).toEqual(['x', 'y']);
    expect(stringsAt(claims, 'resource_access.app.roles')).toEqual([]);
    expect(stringsAt({ a: null }, 'a.b')).toEqual([]);
    // Inherited properties are not claims.
    expect(stringsAt({}, 'constructor.name')).toEqual([]);
  });

  it('normalises a payload: audience as a list, client from client_id or azp, subject falling back to the client', () => {
    const token = verifiedTokenOf({
      iss: 'https://as',
      aud: 'https://rs/mcp',
      exp: 10,
      azp: 'app',
    });
    expect(token).toMatchObject({
      issuer: 'https://as',
      subject: 'app',
      clientId: 'app',
      audience: ['https://rs/mcp'],
      expiresAt: 10,
      scopes: [],
    });
    expect(Object.isFrozen(token.claims)).toBe(true);
  });

  it('uses the fallback issuer only when the answer names none (introspection)', () => {
    expect(verifiedTokenOf({ sub: 's', exp: 1 }, 'https://as').issuer).toBe('https://as');
    expect(verifiedTokenOf({ iss: 'https://b', sub: 's', exp: 1 }, 'https://as').issuer).toBe(
      'https://b',
    );
  });

  it('refuses payloads without issuer, subject or expiry', () => {
    expect(() => verifiedTokenOf({ sub: 's', exp: 1 })).toThrow(InvalidTokenError);
    expect(() => verifiedTokenOf({ iss: 'i', exp: 1 })).toThrow(InvalidTokenError);
    expect(() => verifiedTokenOf({ iss: 'i', sub: 's', exp: '1' })).toThrow(InvalidTokenError);
  });
});
