import { describe, expect, it } from 'vitest';
import {
  buildPolicy,
  buildPrompt,
  buildResource,
  buildResourceTemplate,
  buildTool,
} from './entry.factory.js';

const handler = async () => undefined;
const src = (site = 'Tools#method', isPublic = false) => ({ site, handler, isPublic });

describe('buildResourceTemplate', () => {
  const template = buildResourceTemplate(
    { uriTemplate: 'test://template/{id}/data', name: 'data' },
    src('T#data'),
  );

  it('matches a URI of the template and extracts its variables', () => {
    expect(template.match('test://template/123/data')).toEqual({ id: '123' });
  });

  it('percent-decodes matched variables', () => {
    expect(template.match('test://template/a%20b/data')).toEqual({ id: 'a b' });
  });

  it.each([
    'test://template/123',
    'test://template/123/data/extra',
    'test://template/123/dataX',
    'other://template/123/data',
    'xtest://template/123/data',
    'test://templates/123/data',
  ])('does not match %s', (uri) => {
    expect(template.match(uri)).toBeUndefined();
  });

  // Core bug (reported): uri-templates' fromUri lets a simple {id} expansion capture a literal
  // "/" (and "?"), which RFC 6570 simple expansion would have percent-encoded, so this URI is
  // not an expansion of the template. The SDK's matcher refuses it.
  it('does not let a simple expansion span a path separator', () => {
    expect(template.match('test://template/a/b/data')).toBeUndefined();
  });

  it('matches several variables and keeps completion hooks out of the wire definition', () => {
    const complete = { verb: () => ['hablar'] };
    const multi = buildResourceTemplate(
      { uriTemplate: 'tutor://{lang}/verbs/{verb}', name: 'verb', description: 'A verb', complete },
      src(),
    );
    expect(multi.match('tutor://es/verbs/hablar')).toEqual({ lang: 'es', verb: 'hablar' });
    expect(multi.definition).toEqual({
      uriTemplate: 'tutor://{lang}/verbs/{verb}',
      name: 'verb',
      description: 'A verb',
    });
    expect(multi.complete).toBe(complete);
    expect(template.complete).toEqual({});
  });
});

describe('buildTool', () => {
  it.each(['a', 'conjugate', 'ns.tool-name_1', 'A'.repeat(128)])('accepts the name %s', (name) => {
    expect(buildTool({ name }, src()).definition.name).toBe(name);
  });

  it.each(['', 'has space', 'slash/name', 'ñandú', 'A'.repeat(129), 'semi;colon'])(
    'refuses the name "%s" with a message naming the site',
    (name) => {
      expect(() => buildTool({ name }, src('LangTools#broken'))).toThrow(
        `Tool name "${name}" at LangTools#broken is not valid`,
      );
    },
  );

  it('builds the wire definition without undefined fields and with the empty object schema', async () => {
    const tool = buildTool({ name: 't', description: 'does t' }, src('S#t'));
    expect(tool.definition).toEqual({
      name: 't',
      description: 'does t',
      inputSchema: { type: 'object', additionalProperties: false },
    });
    expect(Object.keys(tool.definition)).not.toContain('title');
    expect(tool.output).toBeUndefined();
    expect(await tool.input.validate(undefined)).toEqual({ ok: true, value: {} });
    expect(tool.source).toBe('S#t');
    expect(tool.handler).toBe(handler);
  });

  it('compiles input and output schemas, falling back to the argument type', async () => {
    const inputSchema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] };
    const outputSchema = { type: 'object', properties: { r: { type: 'string' } } };
    const tool = buildTool({ name: 't', outputSchema }, src(), inputSchema);
    expect(tool.definition.inputSchema).toBe(inputSchema);
    expect(tool.definition.outputSchema).toBe(outputSchema);
    expect(await tool.input.validate({ n: 'x' })).toMatchObject({ ok: false });
    expect(await tool.input.validate({ n: 3 })).toEqual({ ok: true, value: { n: 3 } });
    expect(await tool.output!.validate({ r: 1 })).toMatchObject({ ok: false });
  });

  it('names the site when a schema cannot be compiled', () => {
    expect(() =>
      buildTool({ name: 't', inputSchema: { type: 'no-such-type' } }, src('Bad#schema')),
    ).toThrow(/^The schema of Bad#schema is not usable: /);
  });

  it('refuses a public write tool at boot, naming the site', () => {
    expect(() => buildTool({ name: 'w', access: 'write' }, src('Admin#wipe', true))).toThrow(
      /"access" of Admin#wipe is 'write' while @PublicTool\(\) is set/,
    );
  });
});

describe('buildPolicy', () => {
  it('defaults to a private read policy that cannot be changed', () => {
    const policy = buildPolicy('S#m', false);
    expect(policy).toMatchObject({ public: false, access: 'read', scopes: [], roles: [] });
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.scopes)).toBe(true);
  });

  it('copies scopes and roles so later edits of the options do not leak in', () => {
    const scopes = ['tutor:write'];
    const policy = buildPolicy('S#m', false, {
      access: 'write',
      scopes,
      roles: ['teacher'],
      maxSignatureAgeSec: 30,
    });
    scopes.push('admin');
    expect(policy).toMatchObject({
      access: 'write',
      scopes: ['tutor:write'],
      roles: ['teacher'],
      maxSignatureAgeSec: 30,
    });
  });

  it('allows public read entries', () => {
    expect(buildPolicy('S#m', true, { access: 'read' }).public).toBe(true);
  });
});

describe('buildResource and buildPrompt', () => {
  it('keep only declared fields and take the site as source', () => {
    const resource = buildResource(
      { uri: 'tutor://tenses', name: 'tenses', mimeType: undefined },
      src('R#t', true),
    );
    expect(resource.definition).toEqual({ uri: 'tutor://tenses', name: 'tenses' });
    expect(resource.policy.public).toBe(true);
    const complete = { level: () => ['a1'] };
    const prompt = buildPrompt(
      { name: 'drill', arguments: [{ name: 'level' }], complete },
      src('P#drill'),
    );
    expect(prompt.definition).toEqual({ name: 'drill', arguments: [{ name: 'level' }] });
    expect(prompt.complete).toBe(complete);
    expect(prompt.source).toBe('P#drill');
  });
});
