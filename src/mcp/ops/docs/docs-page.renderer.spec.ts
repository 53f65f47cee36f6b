import { describe, expect, it } from 'vitest';
import type { DocsManifest } from './docs-manifest.types.js';
import { renderDocsPage } from './docs-page.renderer.js';

const access = { public: false, access: 'write' as const, scopes: ['a:b'], roles: [] };

function manifest(evil: string): DocsManifest {
  return {
    manifestVersion: 1,
    server: { name: `srv${evil}`, version: '1', title: `T${evil}`, instructions: evil },
    protocol: {
      versions: ['2025-11-25'],
      sessionEra: ['2025-11-25'],
      statelessEra: [],
      latest: '2025-11-25',
    },
    authentication: {
      scheme: 'http-message-signatures',
      specification: 'RFC 9421',
      signatureTag: 'mcp',
      anonymous: 'public-entries-only',
    },
    endpoints: [
      { name: 'mcp', path: '/mcp', methods: ['POST'], description: evil },
      { name: 'docs.json', path: '/mcp/docs.json', methods: ['GET'], description: 'json' },
    ],
    transports: [{ type: 'streamable-http', path: '/mcp', eras: ['session'], getStream: true }],
    tools: [
      {
        name: 'do_it',
        title: evil,
        description: evil,
        inputSchema: {
          type: 'object',
          properties: { [`p${evil}`]: { type: 'string', description: evil, enum: [evil] } },
          required: [`p${evil}`],
        },
        access,
        rateLimit: { limit: 5, windowMs: 60_000 },
      },
    ],
    resources: [{ uri: `x://${evil}`, name: 'r', description: evil, access }],
    resourceTemplates: [{ uriTemplate: 'x://{id}', name: `t${evil}`, access }],
    prompts: [
      {
        name: 'p',
        description: evil,
        arguments: [{ name: `a${evil}`, required: true, description: evil }],
        access,
      },
    ],
  };
}

describe('renderDocsPage', () => {
  it('escapes every value taken from the manifest', () => {
    const evil = '<script>alert("x")</script>&\'';
    const html = renderDocsPage(manifest(evil), {
      endpointUrl: `http://h/${evil}`,
      docsJsonUrl: '/mcp/docs.json',
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alert("x")');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });

  it('renders entries, schema tables, policy badges, signing help and the docs.json link', () => {
    const html = renderDocsPage(manifest(''), {
      endpointUrl: 'https://api.example/mcp',
      docsJsonUrl: '/mcp/docs.json',
    });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h3 id="tool-do_it"><code>do_it</code></h3>');
    expect(html).toContain(
      '<th>Property</th><th>Type</th><th>Required</th><th>Description</th><th>Allowed values</th>',
    );
    expect(html).toContain('<td class="req">required</td>');
    expect(html).toContain('signed agents only');
    expect(html).toContain('scope: a:b');
    expect(html).toContain('rate limit: 5 per 60 s');
    expect(html).toContain('RFC 9421');
    expect(html).toContain('<code>mcp</code>');
    expect(html).toContain('<a href="/mcp/docs.json">');
    expect(html).toContain('https://api.example/mcp');
    expect(html).toContain('<h4>Arguments</h4>');
    expect(html).not.toMatch(/<script|<link rel="stylesheet"/);
  });
});
