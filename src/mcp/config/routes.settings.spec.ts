import { describe, expect, it } from 'vitest';
import { joinPath } from './route-paths.js';
import { resolveOpsSettings } from './routes.settings.js';

describe('resolveOpsSettings', () => {
  it('defaults: /health, /health/ready, /mcp/health, /mcp/docs(.json), /metrics', () => {
    expect(resolveOpsSettings({})).toEqual({
      mcpPath: '/mcp',
      health: {
        livePath: '/health',
        readyPath: '/health/ready',
        endpointPath: '/mcp/health',
        gracefulShutdownTimeoutMs: 0,
      },
      docs: { jsonPath: '/mcp/docs.json', pagePath: '/mcp/docs' },
      metrics: { path: '/metrics' },
      legacySse: { ssePath: '/sse', messagesPath: '/messages' },
    });
  });

  it('follows custom paths; readiness defaults under a custom liveness path', () => {
    const s = resolveOpsSettings({
      path: '/agents/',
      health: { path: 'healthz' },
      metrics: { path: '/internal/metrics' },
    });
    expect(s.health).toMatchObject({
      livePath: '/healthz',
      readyPath: '/healthz/ready',
      endpointPath: '/agents/health',
    });
    expect(s.docs).toEqual({ jsonPath: '/agents/docs.json', pagePath: '/agents/docs' });
    expect(s.metrics).toEqual({ path: '/internal/metrics' });
  });

  it('false or enabled: false turns a feature off; all health paths off turns health off', () => {
    const s = resolveOpsSettings({
      health: false,
      docs: { enabled: false },
      metrics: false,
      legacySse: false,
    });
    expect(s).toEqual({
      mcpPath: '/mcp',
      health: undefined,
      docs: undefined,
      metrics: undefined,
      legacySse: undefined,
    });
    expect(
      resolveOpsSettings({ health: { path: false, readyPath: false, endpoint: false } }).health,
    ).toBeUndefined();
    expect(resolveOpsSettings({ health: { path: false } }).health).toMatchObject({
      livePath: undefined,
      readyPath: '/health/ready',
    });
  });

  it('joinPath normalises slashes', () => {
    expect(joinPath('', '/api/', '/mcp', 'docs.json')).toBe('/api/mcp/docs.json');
    expect(joinPath('')).toBe('/');
  });
});
