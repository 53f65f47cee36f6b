import { describe, expect, it } from 'vitest';
import { ALL_VERSIONS } from '../../config/mcp.constants.js';
import {
  buildPrompt,
  buildResource,
  buildResourceTemplate,
  buildTool,
  type EntrySource,
} from '../../registry/entry.factory.js';
import { McpRegistry } from '../../registry/mcp.registry.js';
import { buildDocsManifest, type DocsManifestInput } from './docs-manifest.builder.js';

const src = (site: string, isPublic = true): EntrySource => ({
  site,
  isPublic,
  handler: async () => 'ok',
});

function registry(order: 'ab' | 'ba'): McpRegistry {
  const r = new McpRegistry();
  const tools = [
    buildTool(
      {
        name: 'b_tool',
        description: 'B',
        inputSchema: { type: 'object', properties: { x: { type: 'number' } } },
      },
      src('T#b'),
    ),
    buildTool(
      {
        name: 'a_tool',
        title: 'A',
        access: 'write',
        scopes: ['z:w', 'a:w'],
        rateLimit: { limit: 3, ttlMs: 1000 },
        annotations: { destructiveHint: true },
      },
      src('T#a', false),
    ),
  ];
  for (const t of order === 'ab' ? [...tools].reverse() : tools) r.addTool(t);
  r.addResource(buildResource({ uri: 'x://r', name: 'r', mimeType: 'text/plain' }, src('R#r')));
  r.addResourceTemplate(
    buildResourceTemplate({ uriTemplate: 'x://t/{id}', name: 't' }, src('R#t')),
  );
  r.addPrompt(
    buildPrompt(
      { name: 'p', arguments: [{ name: 'q', required: true }, { name: 'opt' }] },
      src('P#p'),
    ),
  );
  return r;
}

const input = (r: McpRegistry): DocsManifestInput => ({
  registry: r,
  serverInfo: { name: 's', version: '1.0.0', title: undefined },
  endpoints: [{ name: 'mcp', path: '/mcp', methods: ['POST'], description: 'd' }],
  transports: [
    { type: 'streamable-http', path: '/mcp', eras: ['session', 'stateless'], getStream: true },
  ],
});

describe('buildDocsManifest', () => {
  it('is a pure function: the same registry content in any insertion order gives the same JSON', () => {
    const a = JSON.stringify(buildDocsManifest(input(registry('ab'))));
    const b = JSON.stringify(buildDocsManifest(input(registry('ba'))));
    expect(a).toBe(b);
  });

  it('documents tools sorted by name, with schemas, annotations, access policy and rate limit', () => {
    const m = buildDocsManifest(input(registry('ab')));
    expect(m.tools.map((t) => t.name)).toEqual(['a_tool', 'b_tool']);
    expect(m.tools[0]).toEqual({
      name: 'a_tool',
      title: 'A',
      inputSchema: expect.objectContaining({ type: 'object' }),
      annotations: { destructiveHint: true },
      access: { public: false, access: 'write', scopes: ['a:w', 'z:w'], roles: [] },
      rateLimit: { limit: 3, windowMs: 1000 },
    });
    expect(m.tools[1].inputSchema).toMatchObject({ properties: { x: { type: 'number' } } });
    expect(m.tools[1].access.public).toBe(true);
  });

  it('carries server info without undefined fields, every protocol version, resources, templates and prompts', () => {
    const m = buildDocsManifest(input(registry('ab')));
    expect(m.server).toEqual({ name: 's', version: '1.0.0' });
    expect(m.protocol.versions).toEqual([...ALL_VERSIONS]);
    expect(m.protocol.latest).toBe(ALL_VERSIONS[ALL_VERSIONS.length - 1]);
    expect(m.resources).toEqual([
      {
        uri: 'x://r',
        name: 'r',
        mimeType: 'text/plain',
        access: expect.objectContaining({ public: true }),
      },
    ]);
    expect(m.resourceTemplates[0]).toMatchObject({ uriTemplate: 'x://t/{id}', name: 't' });
    expect(m.prompts[0].arguments).toEqual([
      { name: 'q', required: true },
      { name: 'opt', required: false },
    ]);
    expect(JSON.stringify(m)).not.toContain('undefined');
  });

  it('does not share objects with the registry (callers may not mutate it through the manifest)', () => {
    const r = registry('ab');
    const m = buildDocsManifest(input(r));
    (m.tools[1].inputSchema as { type: string }).type = 'mutated';
    expect(r.getTool('b_tool')!.definition.inputSchema.type).toBe('object');
  });
});
