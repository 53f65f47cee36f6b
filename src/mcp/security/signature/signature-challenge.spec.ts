import { describe, expect, it } from 'vitest';
import { acceptSignature, wwwAuthenticate } from './signature-challenge.js';

describe('signature challenges', () => {
  it('builds the 401 WWW-Authenticate, with MSign only when enabled', () => {
    expect(wwwAuthenticate({ error: 'invalid_signature' })).toBe(
      'Signature realm="mcp", error="invalid_signature"',
    );
    expect(wwwAuthenticate({ error: 'invalid_signature', acceptMsign: true })).toBe(
      'Signature realm="mcp", error="invalid_signature", MSign realm="mcp"',
    );
  });

  it('lists required scopes for insufficient_scope', () => {
    expect(wwwAuthenticate({ error: 'insufficient_scope', scope: ['deploy:write', 'x'] })).toBe(
      'Signature realm="mcp", error="insufficient_scope", scope="deploy:write x"',
    );
  });

  it('builds Accept-Signature without a bare nonce', () => {
    expect(acceptSignature()).toBe(
      'sig=("@method" "@target-uri" "content-digest");created;tag="mcp"',
    );
  });
});
