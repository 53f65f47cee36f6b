import { describe, expect, it } from 'vitest';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import type { McpOAuthOptions } from './oauth-options.interface.js';
import { assertValidOAuthOptions } from './oauth-options.validator.js';

const base = { serverInfo: { name: 't', version: '1' } };
const withOAuth =
  (oauth: Partial<McpOAuthOptions>, extra: Partial<McpModuleOptions> = {}) =>
  () =>
    assertValidOAuthOptions({
      ...base,
      ...extra,
      oauth: {
        authorizationServers: ['https://as.example.com'],
        publicBaseUrl: 'https://api.example.com',
        ...oauth,
      },
    });

describe('oauth options at boot', () => {
  it('accepts a plain configuration, and none at all', () => {
    expect(withOAuth({})).not.toThrow();
    expect(() => assertValidOAuthOptions(base)).not.toThrow();
  });

  it('needs at least one issuer URL', () => {
    expect(withOAuth({ authorizationServers: [] })).toThrow(/at least one issuer/);
    expect(withOAuth({ authorizationServers: ['as.example.com'] })).toThrow(/not an absolute/);
    expect(withOAuth({ authorizationServers: ['https://as.example.com/#x'] })).toThrow(
      /not an absolute/,
    );
  });

  it('needs the public URL (its own, or the signing one), since the audience is built from it', () => {
    expect(withOAuth({ publicBaseUrl: undefined })).toThrow(/oauth\.publicBaseUrl/);
    expect(
      withOAuth(
        { publicBaseUrl: undefined },
        {
          signing: { publicBaseUrl: 'https://api.example.com' } as McpModuleOptions['signing'],
        },
      ),
    ).not.toThrow();
    expect(
      withOAuth({ publicBaseUrl: undefined, resource: 'https://api.example.com/mcp' }),
    ).not.toThrow();
  });

  it('refuses none, HS* and unknown algorithms, and an unbounded clock skew', () => {
    for (const alg of ['none', 'HS256', 'RSA1_5'])
      expect(withOAuth({ algorithms: ['RS256', alg] })).toThrow(alg);
    expect(withOAuth({ clockSkewSec: 301 })).toThrow(/clockSkewSec/);
    expect(withOAuth({ clockSkewSec: 0 })).not.toThrow();
  });
});
