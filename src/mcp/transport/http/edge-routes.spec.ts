import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { judgeAtEdge, routerPath, type EdgeRoute } from './edge-routes.js';

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

describe('judgeAtEdge', () => {
  const routes = new Map<string, EdgeRoute>([
    ['/mcp', { methods: ['POST', 'GET'], readsBody: true, hostChecked: false }],
  ]);
  const judge = (url: string, method = 'POST') => {
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    const req = Object.assign(new IncomingMessage(new Socket()), { url, method });
    return { verdict: judgeAtEdge(req, res, routes, undefined), status: res.statusCode };
  };

  it('lets a plain canonical target through and ignores other routes', () => {
    expect(judge('/mcp').verdict?.route).toBe(routes.get('/mcp'));
    expect(judge('/MCP/').verdict?.route).toBe(routes.get('/mcp'));
    expect(judge('/other').verdict).toEqual({});
  });

  it('refuses non-canonical and absolute-form targets of a library route', () => {
    expect(judge('/%6Dcp')).toEqual({ verdict: undefined, status: 404 });
    expect(judge('/a/../mcp')).toEqual({ verdict: undefined, status: 404 });
    expect(judge('http://x/mcp')).toEqual({ verdict: undefined, status: 400 });
    expect(judge('/mcp', 'PUT')).toEqual({ verdict: undefined, status: 405 });
  });
});
