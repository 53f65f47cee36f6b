import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useExampleClient } from '../support/example-client.js';
import { REPO_ROOT } from '../support/stdio-child.js';

describe('examples/minimal', () => {
  const example = useExampleClient('minimal/main.js');

  it('stays under 30 lines', () => {
    const source = readFileSync(resolve(REPO_ROOT, 'examples/minimal/main.ts'), 'utf8');
    expect(source.trimEnd().split('\n').length).toBeLessThan(30);
  });

  it('lists its one tool and answers it', async () => {
    const { tools } = await example.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['shout']);
    const result = await example.client.callTool({ name: 'shout', arguments: { text: 'hello' } });
    expect(result.content).toEqual([{ type: 'text', text: 'HELLO!' }]);
  });

  it('enforces the DTO', async () => {
    const result = await example.client.callTool({ name: 'shout', arguments: { text: 42 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/text must be a string/);
  });
});
