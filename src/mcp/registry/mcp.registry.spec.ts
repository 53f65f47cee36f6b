import { describe, expect, it } from 'vitest';
import type { McpContext } from '../context/mcp-context.js';
import { buildPrompt, buildResource, buildResourceTemplate, buildTool } from './entry.factory.js';
import { McpRegistry } from './mcp.registry.js';
import type { ListKind } from './registry.types.js';

const handler = async () => 'ok';
const src = (site: string) => ({ site, handler, isPublic: false });
const ctx = {} as McpContext;

function watch(registry: McpRegistry): ListKind[] {
  const kinds: ListKind[] = [];
  registry.onChange((kind) => kinds.push(kind));
  return kinds;
}

describe('McpRegistry', () => {
  it('refuses a duplicate tool name, naming both sites', () => {
    const registry = new McpRegistry();
    registry.addTool(buildTool({ name: 'conjugate' }, src('TutorTools#conjugate')));
    expect(() => registry.addTool(buildTool({ name: 'conjugate' }, src('OtherTools#run')))).toThrow(
      /Duplicate MCP tool "conjugate": declared by TutorTools#conjugate and by OtherTools#run/,
    );
    expect(registry.getTool('conjugate')?.source).toBe('TutorTools#conjugate');
  });

  it('refuses duplicates of every kind and names a runtime registration as such', () => {
    const registry = new McpRegistry();
    registry.addResource(buildResource({ uri: 'a://x', name: 'x' }, src('R#x')));
    registry.addResourceTemplate(
      buildResourceTemplate({ uriTemplate: 'a://{v}', name: 'v' }, src('T#v')),
    );
    registry.addPrompt(buildPrompt({ name: 'drill' }, src('P#drill')));
    expect(() => registry.registerResource({ uri: 'a://x', name: 'x2' }, handler)).toThrow(
      /resource "a:\/\/x": declared by R#x and by runtime/,
    );
    expect(() =>
      registry.registerResourceTemplate({ uriTemplate: 'a://{v}', name: 'v2' }, handler),
    ).toThrow(/resource template "a:\/\/\{v\}": declared by T#v and by runtime/);
    expect(() => registry.registerPrompt({ name: 'drill' }, handler)).toThrow(
      /prompt "drill": declared by P#drill and by runtime/,
    );
  });

  it('does not notify listeners when a duplicate is refused', () => {
    const registry = new McpRegistry();
    registry.addTool(buildTool({ name: 't' }, src('A#t')));
    const kinds = watch(registry);
    expect(() => registry.addTool(buildTool({ name: 't' }, src('B#t')))).toThrow();
    expect(kinds).toEqual([]);
  });

  it('lists entries sorted by key whatever the registration order', () => {
    const registry = new McpRegistry();
    for (const name of ['zeta', 'Alpha', 'beta', 'alpha'])
      registry.addTool(buildTool({ name }, src(`S#${name}`)));
    for (const uri of ['b://2', 'a://1'])
      registry.addResource(buildResource({ uri, name: uri }, src(uri)));
    for (const name of ['z', 'm']) registry.addPrompt(buildPrompt({ name }, src(name)));
    expect(registry.listTools().map((t) => t.definition.name)).toEqual([
      'Alpha',
      'alpha',
      'beta',
      'zeta',
    ]);
    expect(registry.listResources().map((r) => r.definition.uri)).toEqual(['a://1', 'b://2']);
    expect(registry.listPrompts().map((p) => p.definition.name)).toEqual(['m', 'z']);
  });

  it('reuses the sorted list until the next change, then includes the change', () => {
    const registry = new McpRegistry();
    registry.addTool(buildTool({ name: 'b' }, src('S#b')));
    const first = registry.listTools();
    expect(registry.listTools()).toBe(first);
    registry.addTool(buildTool({ name: 'a' }, src('S#a')));
    expect(registry.listTools().map((t) => t.definition.name)).toEqual(['a', 'b']);
    expect(first.map((t) => t.definition.name)).toEqual(['b']);
  });

  it('tells listeners which kind changed, once per change', () => {
    const registry = new McpRegistry();
    const kinds = watch(registry);
    registry.addTool(buildTool({ name: 't' }, src('S#t')));
    registry.registerResource({ uri: 'a://r', name: 'r' }, handler);
    registry.registerResourceTemplate({ uriTemplate: 'a://{x}', name: 'x' }, handler);
    registry.registerPrompt({ name: 'p' }, handler);
    registry.remove('tools', 't');
    expect(kinds).toEqual(['tools', 'resources', 'resourceTemplates', 'prompts', 'tools']);
  });

  it('stops notifying after unsubscribe', () => {
    const registry = new McpRegistry();
    const kinds: ListKind[] = [];
    const off = registry.onChange((kind) => kinds.push(kind));
    registry.registerTool({ name: 'one' }, handler);
    off();
    registry.registerTool({ name: 'two' }, handler);
    expect(kinds).toEqual(['tools']);
  });

  it('registers a runtime tool whose handler receives args and context', async () => {
    const registry = new McpRegistry();
    const seen: unknown[] = [];
    registry.registerTool(
      {
        name: 'echo',
        inputSchema: {
          type: 'object',
          properties: { text: { type: 'string' } },
          required: ['text'],
        },
      },
      (args: { text: string }, context) => {
        seen.push(context);
        return args.text.toUpperCase();
      },
      { public: true },
    );
    const tool = registry.getTool('echo')!;
    expect(tool.source).toBe('runtime');
    expect(tool.policy.public).toBe(true);
    expect(tool.definition.inputSchema).toMatchObject({ required: ['text'] });
    expect(await tool.input.validate({})).toMatchObject({ ok: false });
    await expect(tool.handler({ text: 'hola' }, ctx)).resolves.toBe('HOLA');
    expect(seen).toEqual([ctx]);
  });

  it('turns a synchronous throw of a runtime handler into a rejection', async () => {
    const registry = new McpRegistry();
    registry.registerTool({ name: 'boom' }, () => {
      throw new Error('boom');
    });
    await expect(registry.getTool('boom')!.handler({}, ctx)).rejects.toThrow('boom');
  });

  it('keeps runtime entries private unless asked, and refuses public write tools', () => {
    const registry = new McpRegistry();
    registry.registerTool({ name: 'private' }, handler);
    expect(registry.getTool('private')!.policy.public).toBe(false);
    expect(() =>
      registry.registerTool({ name: 'danger', access: 'write' }, handler, { public: true }),
    ).toThrow(/write/);
    expect(registry.getTool('danger')).toBeUndefined();
  });

  it('removes entries of each kind by key and reports whether something was removed', () => {
    const registry = new McpRegistry();
    registry.registerTool({ name: 't' }, handler);
    registry.registerResource({ uri: 'a://r', name: 'r' }, handler);
    registry.registerResourceTemplate({ uriTemplate: 'a://{x}/y', name: 'x' }, handler);
    registry.registerPrompt({ name: 'p' }, handler);
    const kinds = watch(registry);
    expect(registry.remove('tools', 'missing')).toBe(false);
    expect(kinds).toEqual([]);
    expect(registry.remove('tools', 't')).toBe(true);
    expect(registry.remove('resources', 'a://r')).toBe(true);
    expect(registry.remove('resourceTemplates', 'a://{x}/y')).toBe(true);
    expect(registry.remove('prompts', 'p')).toBe(true);
    expect(registry.getTool('t')).toBeUndefined();
    expect(registry.getResource('a://r')).toBeUndefined();
    expect(registry.getResourceTemplate('a://{x}/y')).toBeUndefined();
    expect(registry.getPrompt('p')).toBeUndefined();
    expect(registry.listTools()).toEqual([]);
    expect(registry.remove('tools', 't')).toBe(false);
    // A removed name can be registered again.
    registry.registerTool({ name: 't' }, handler);
    expect(registry.listTools()).toHaveLength(1);
  });

  it('matches a URI against templates, first in sorted order, with the variables', () => {
    const registry = new McpRegistry();
    registry.registerResourceTemplate(
      { uriTemplate: 'test://{kind}/{id}', name: 'generic' },
      handler,
    );
    registry.registerResourceTemplate({ uriTemplate: 'test://items/{id}', name: 'items' }, handler);
    const match = registry.matchTemplate('test://items/5');
    expect(match?.template.definition.name).toBe('items');
    expect(match?.variables).toEqual({ id: '5' });
    expect(registry.matchTemplate('test://users/7')?.variables).toEqual({ kind: 'users', id: '7' });
    expect(registry.matchTemplate('other://items/5')).toBeUndefined();
  });
});
