import { describe, expect, it } from 'vitest';
import { routerPath } from './edge-routes.js';

describe('routerPath', () => {
  it('reads plain paths without a URL parser, as the parser would', () => {
    expect(routerPath('/mcp')).toBe('/mcp');
    expect(routerPath('/MCP/')).toBe('/mcp');
    expect(routerPath('/api/v1/mcp///')).toBe('/api/v1/mcp');
    expect(routerPath('/')).toBe('/');
    expect(routerPath('/a//b')).toBe('/a//b');
  });

  it('parses and decodes every other target', () => {
    expect(routerPath('/%6Dcp')).toBe('/mcp');
    expect(routerPath('/mcp?x=1#f')).toBe('/mcp');
    expect(routerPath('/a/../mcp')).toBe('/mcp');
    expect(routerPath('/a/./MCP')).toBe('/a/mcp');
    expect(routerPath('\\\\mcp')).toBe('/');
    expect(routerPath('//mcp/x')).toBe('/x');
    expect(routerPath('/%E0%A4%A')).toBeUndefined();
    expect(routerPath(undefined)).toBe('/');
  });
});
