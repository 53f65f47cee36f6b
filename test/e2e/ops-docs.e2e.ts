import { Module, type Type } from '@nestjs/common';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TutorModule } from '../../src/demo/tutor/tutor.module.js';
import {
  McpModule,
  McpRegistry,
  type McpModuleExtras,
  type McpModuleOptions,
} from '../../src/mcp/index.js';
import { ALL_VERSIONS } from '../../src/mcp/config/mcp.constants.js';
import { FixtureModule } from '../fixture/fixture.module.js';
import { startApp, startDemoApp, type RunningApp } from '../support/demo-app.js';
import { McpDocs } from '../../src/mcp/index.js';
import { call } from '../support/wire/http.client.js';

const get = (url: string, headers: Record<string, string> = {}) =>
  call(url, { method: 'GET', headers });
const schema = JSON.parse(
  readFileSync(new URL('../../config/docs-manifest.schema.json', import.meta.url), 'utf8'),
) as object;

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(schema);
}

function tutorApp(options: Partial<McpModuleOptions> & McpModuleExtras): Type<unknown> {
  @Module({
    imports: [
      McpModule.forRoot({ serverInfo: { name: 'nest-mcp-demo', version: '0.1.0' }, ...options }),
      TutorModule,
    ],
  })
  class TutorTestApp {}
  return TutorTestApp;
}

describe('GET /mcp/docs.json on the demo', () => {
  let demo: RunningApp;
  beforeAll(async () => {
    demo = await startDemoApp();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('McpDocs.manifest() is the document docs.json serves', async () => {
    const served = (await get(`${demo.url}/docs.json`)).json();
    expect(served.tools.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(demo.app.get(McpDocs).manifest()))).toEqual(served);
  });

  it('describes the server, versions, endpoints and every registered entry', async () => {
    const res = await get(`${demo.url}/docs.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = res.json();
    expect(doc.server).toMatchObject({
      name: 'nest-mcp-demo',
      version: '0.1.0',
      title: 'Language tutor',
    });
    expect(doc.protocol.versions).toEqual([...ALL_VERSIONS]);
    expect(doc.endpoints.find((e: { name: string }) => e.name === 'mcp')).toMatchObject({
      path: '/mcp',
      methods: ['POST', 'GET', 'DELETE'],
    });
    expect(doc.endpoints.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([
        '/mcp/docs.json',
        '/mcp/docs',
        '/mcp/health',
        '/health',
        '/health/ready',
        '/metrics',
      ]),
    );
    expect(doc.transports[0]).toEqual({
      type: 'streamable-http',
      path: '/mcp',
      eras: ['session', 'stateless'],
      getStream: true,
    });

    const registry = demo.app.get(McpRegistry);
    const names = registry.listTools().map((t) => t.definition.name);
    expect(doc.tools.map((t: { name: string }) => t.name)).toEqual(names);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining([
        'check_conjugation',
        'conjugate',
        'lookup_irregular_verb',
        'lookup_spanish',
      ]),
    );

    const conjugate = doc.tools.find((t: { name: string }) => t.name === 'conjugate');
    expect(conjugate.title).toBe('Conjugate a verb');
    expect(Object.keys(conjugate.inputSchema.properties).sort()).toEqual([
      'person',
      'tense',
      'verb',
    ]);
    expect(conjugate.inputSchema.properties.tense.enum).toContain('past_simple');
    expect(conjugate.annotations).toMatchObject({ readOnlyHint: true });
    expect(conjugate.access).toEqual({ public: true, access: 'read', scopes: [], roles: [] });
    const irregular = doc.tools.find((t: { name: string }) => t.name === 'lookup_irregular_verb');
    expect(irregular.outputSchema.required).toEqual(['base', 'past', 'pastParticiple']);

    // Policies come from the registry, not from defaults.
    for (const tool of registry.listTools()) {
      const documented = doc.tools.find((t: { name: string }) => t.name === tool.definition.name);
      expect(documented.access.public).toBe(tool.policy.public);
      expect(documented.access.access).toBe(tool.policy.access);
      expect(documented.access.scopes).toEqual([...tool.policy.scopes].sort());
    }

    expect(doc.resources).toEqual([
      expect.objectContaining({
        uri: 'tutor://progress',
        name: 'progress',
        mimeType: 'application/json',
      }),
      expect.objectContaining({ uri: 'tutor://tenses', name: 'tenses', mimeType: 'text/markdown' }),
    ]);
    expect(doc.resourceTemplates).toEqual([
      expect.objectContaining({ uriTemplate: 'tutor://verbs/{verb}', name: 'verb-card' }),
    ]);
    expect(doc.prompts).toEqual([
      expect.objectContaining({
        name: 'drill',
        arguments: [
          expect.objectContaining({ name: 'tense', required: true }),
          expect.objectContaining({ name: 'verbs', required: false }),
        ],
      }),
    ]);
  });

  it('validates against config/docs-manifest.schema.json', async () => {
    const validate = validator();
    const doc = (await get(`${demo.url}/docs.json`)).json();
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema is strict enough to notice a broken document.
    expect(
      validate({ ...doc, tools: [{ name: 'bad name!', inputSchema: { type: 'object' } }] }),
    ).toBe(false);
  });

  it('ETag is the body hash: 304 on If-None-Match, Cache-Control set', async () => {
    const first = await get(`${demo.url}/docs.json`);
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const { createHash } = await import('node:crypto');
    expect(etag).toBe(`"${createHash('sha256').update(first.body).digest('base64url')}"`);

    const again = await get(`${demo.url}/docs.json`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(
      (await get(`${demo.url}/docs.json`, { 'if-none-match': `"other", W/${etag}` })).status,
    ).toBe(304);
    expect((await get(`${demo.url}/docs.json`, { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('a registry change gives a new document and ETag; undoing it gives the old one back', async () => {
    const registry = demo.app.get(McpRegistry);
    const before = await get(`${demo.url}/docs.json`);
    const spanish = registry.getTool('lookup_spanish')!;
    expect(registry.remove('tools', 'lookup_spanish')).toBe(true);
    try {
      const changed = await get(`${demo.url}/docs.json`);
      expect(changed.headers.etag).not.toBe(before.headers.etag);
      expect(changed.json().tools.map((t: { name: string }) => t.name)).not.toContain(
        'lookup_spanish',
      );
      expect(
        (await get(`${demo.url}/docs.json`, { 'if-none-match': before.headers.etag! })).status,
      ).toBe(200);
    } finally {
      registry.addTool(spanish);
    }
    const restored = await get(`${demo.url}/docs.json`);
    expect(restored.headers.etag).toBe(before.headers.etag);
    expect(restored.text).toBe(before.text);
  });

  it('refuses a Host that is not allowed (DNS rebinding)', async () => {
    const res = await get(`${demo.url}/docs.json`, { host: 'attacker.example' });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('conjugate');
  });

  it('is deterministic: a second boot serves byte-identical JSON', async () => {
    const other = await startDemoApp();
    try {
      const [a, b] = await Promise.all([
        get(`${demo.url}/docs.json`),
        get(`${other.url}/docs.json`),
      ]);
      expect(b.text).toBe(a.text);
      expect(b.headers.etag).toBe(a.headers.etag);
    } finally {
      await other.close();
    }
  });

  it('`npm run docs` writes the same document to a file', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nest-mcp-docs-'));
    try {
      const out = join(dir, 'manifest.json');
      await promisify(execFile)('npm', ['run', '-s', 'docs', '--', out], {
        cwd: new URL('../..', import.meta.url).pathname,
      });
      const served = await get(`${demo.url}/docs.json`);
      expect(readFileSync(out, 'utf8')).toBe(served.text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docs configuration', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('follows the endpoint path and the global prefix', async () => {
    running = await startApp(tutorApp({ path: 'agents' }), {
      configure: (app) => void app.setGlobalPrefix('api'),
      mcpPath: '/api/agents',
    });
    const res = await get(`${running.url}/docs.json`);
    expect(res.status).toBe(200);
    const doc = res.json();
    const paths = Object.fromEntries(
      doc.endpoints.map((e: { name: string; path: string }) => [e.name, e.path]),
    );
    expect(paths).toMatchObject({
      mcp: '/api/agents',
      'docs.json': '/api/agents/docs.json',
      docs: '/api/agents/docs',
      health: '/api/agents/health',
      metrics: '/api/metrics',
    });
    expect(validator()(doc)).toBe(true);
  });

  it('lists only enabled endpoints', async () => {
    running = await startApp(
      tutorApp({ metrics: false, health: { path: false, readyPath: 'ready' }, legacySse: false }),
    );
    const names = (await get(`${running.url}/docs.json`))
      .json()
      .endpoints.map((e: { name: string }) => e.name);
    expect(names).toEqual(['mcp', 'docs.json', 'docs', 'health', 'readiness']);
  });

  it('docs: false removes docs.json and the page', async () => {
    running = await startApp(tutorApp({ docs: false }));
    expect((await get(`${running.url}/docs.json`)).status).toBe(404);
    expect((await get(`${running.url}/docs`)).status).toBe(404);
  });

  it("the conformance fixture's document validates against the schema too", async () => {
    running = await startApp(FixtureModule);
    const res = await get(`${running.url}/docs.json`);
    expect(res.status).toBe(200);
    const doc = res.json();
    expect(doc.tools.length).toBeGreaterThan(5);
    const validate = validator();
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });
});

describe('on Fastify, the documentation and metrics answer as on Express', () => {
  let express: RunningApp;
  let fastify: RunningApp;
  beforeAll(async () => {
    [express, fastify] = await Promise.all([startDemoApp(), startDemoApp({ adapter: 'fastify' })]);
  });
  afterAll(async () => {
    await Promise.all([express?.close(), fastify?.close()]);
  });

  it('docs.json: same bytes, same ETag, 304 on If-None-Match', async () => {
    const [a, b] = await Promise.all([
      get(`${express.url}/docs.json`),
      get(`${fastify.url}/docs.json`),
    ]);
    expect(b.status).toBe(200);
    expect(b.text).toBe(a.text);
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(
      (await get(`${fastify.url}/docs.json`, { 'if-none-match': b.headers.etag! })).status,
    ).toBe(304);
  });

  it('the docs page and /metrics are served', async () => {
    const page = await get(`${fastify.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('id="tool-conjugate"');
    const metrics = await get(`${fastify.origin}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('# TYPE mcp_tool_calls_total counter');
  });
});
