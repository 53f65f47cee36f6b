import { describe, expect, it } from 'vitest';
import { bearerChallenge } from './bearer-challenge.js';

const metadata = 'https://api.example.com/.well-known/oauth-protected-resource/mcp';

describe('bearerChallenge', () => {
  it('names only the metadata (and scopes) when the request had no token', () => {
    expect(bearerChallenge({ resourceMetadata: metadata })).toBe(
      `Bearer resource_metadata="${metadata}"`,
    );
    expect(bearerChallenge({ resourceMetadata: metadata, scope: ['a:read', 'a:write'] })).toBe(
      `Bearer scope="a:read a:write", resource_metadata="${metadata}"`,
    );
  });

  it('puts error, description and scope first, as RFC 6750 §3 orders them', () => {
    expect(
      bearerChallenge({
        resourceMetadata: metadata,
        error: 'insufficient_scope',
        description: 'needs "more"',
        scope: ['notes:write'],
      }),
    ).toBe(
      `Bearer error="insufficient_scope", error_description="needs \\"more\\"", scope="notes:write", resource_metadata="${metadata}"`,
    );
  });
});
