import { describe, expect, it } from 'vitest';
import { normalisePublicBaseUrl, resolveTargetUri } from './target-uri.js';

describe('resolveTargetUri', () => {
  it('appends the raw path and query to the normalised public base URL', () => {
    expect(resolveTargetUri('https://API.example.com:443/', '/mcp?x=1')).toBe(
      'https://api.example.com/mcp?x=1',
    );
    expect(resolveTargetUri('https://example.com/prefix/', '/%6Dcp')).toBe(
      'https://example.com/prefix/%6Dcp',
    );
  });

  it('refuses base URLs that are not plain absolute http(s) URLs', () => {
    for (const bad of [
      'api.example.com',
      'ftp://x',
      'https://u:p@x',
      'https://x/?q',
      'https://x/#f',
    ]) {
      expect(() => normalisePublicBaseUrl(bad)).toThrow(/publicBaseUrl/);
    }
  });
});
