import { afterEach, describe, expect, it, vi } from 'vitest';
import type { McpExplorer } from '../../discovery/mcp.explorer.js';
import { MemorySessionStore } from '../../session/memory-session.store.js';
import type { SessionStore } from '../../session/session-store.interface.js';
import { McpHealthIndicator } from './mcp-health.indicator.js';
import { McpHealthService, STORE_CHECK_TIMEOUT_MS, storeCheck } from './mcp-health.service.js';

/** An explorer whose discovery finishes when the test says so. */
function explorer(): { explorer: McpExplorer; finish: () => void } {
  let finish!: () => void;
  const whenReady = new Promise<void>((resolve) => (finish = resolve));
  return { explorer: { whenReady } as McpExplorer, finish };
}

const stores: MemorySessionStore[] = [];
function store(): MemorySessionStore {
  const s = new MemorySessionStore(60_000, 10);
  stores.push(s);
  return s;
}

afterEach(() => {
  stores.splice(0).forEach((s) => s.onModuleDestroy());
  vi.useRealTimers();
});

describe('McpHealthService', () => {
  it('is not ready until discovery has finished', async () => {
    const { explorer: e, finish } = explorer();
    const health = new McpHealthService(e, store());
    const before = await health.readiness();
    expect(before.status).toBe('error');
    expect(before.error).toEqual({
      discovery: { status: 'down', message: 'tool discovery has not finished' },
    });
    finish();
    await Promise.resolve();
    const after = await health.readiness();
    expect(after).toEqual({
      status: 'ok',
      info: {
        lifecycle: { status: 'up' },
        discovery: { status: 'up' },
        sessionStore: { status: 'up', sessions: 0 },
      },
      error: {},
      details: {
        lifecycle: { status: 'up' },
        discovery: { status: 'up' },
        sessionStore: { status: 'up', sessions: 0 },
      },
    });
  });

  it('turns not ready at beforeApplicationShutdown; liveness stays ok', async () => {
    const { explorer: e, finish } = explorer();
    finish();
    const health = new McpHealthService(e, store());
    await Promise.resolve();
    health.beforeApplicationShutdown();
    expect(health.isShuttingDown).toBe(true);
    const result = await health.readiness();
    expect(result.status).toBe('error');
    expect(result.error.lifecycle).toEqual({
      status: 'down',
      message: 'the server is shutting down',
    });
    expect(health.liveness().status).toBe('ok');
  });

  it('reports a session store that never answers after the timeout', async () => {
    vi.useFakeTimers();
    const hanging: SessionStore = {
      ...store(),
      count: () => new Promise<number>(() => undefined),
    } as SessionStore;
    const health = new McpHealthService(explorer().explorer, hanging);
    const pending = health.checks();
    await vi.advanceTimersByTimeAsync(STORE_CHECK_TIMEOUT_MS);
    expect((await pending).sessionStore).toEqual({
      status: 'down',
      message: `the session store did not answer within ${STORE_CHECK_TIMEOUT_MS} ms`,
    });
  });
});

describe('McpHealthIndicator', () => {
  it("returns terminus's { [key]: { status } } shape, up or down", async () => {
    const { explorer: e, finish } = explorer();
    const health = new McpHealthService(e, store());
    const indicator = new McpHealthIndicator(health);
    expect((await indicator.isHealthy('mcp')).mcp.status).toBe('down');
    finish();
    await Promise.resolve();
    const up = await indicator.isHealthy('agents');
    expect(up).toEqual({
      agents: {
        status: 'up',
        lifecycle: { status: 'up' },
        discovery: { status: 'up' },
        sessionStore: { status: 'up', sessions: 0 },
      },
    });
  });
});

describe('McpHealthService readiness checks', () => {
  it('covers every added store: up with its details, down (reason in the log only) when it fails or hangs', async () => {
    const { explorer: e, finish } = explorer();
    finish();
    const health = new McpHealthService(e, store());
    await Promise.resolve();
    health.addReadinessCheck('eventStore', storeCheck({}));
    health.addReadinessCheck('taskStore', storeCheck({ ping: async () => undefined }));
    expect((await health.readiness()).details).toMatchObject({
      eventStore: { status: 'up' },
      taskStore: { status: 'up' },
    });
    health.addReadinessCheck(
      'replayStore',
      storeCheck({ ping: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.9:6379')) }),
    );
    const down = await health.readiness();
    expect(down.status).toBe('error');
    expect(down.error).toEqual({
      replayStore: { status: 'down', message: 'the replay store did not answer' },
    });
    expect(JSON.stringify(down)).not.toContain('10.0.0.9');
    vi.useFakeTimers();
    health.addReadinessCheck(
      'replayStore',
      storeCheck({ ping: () => new Promise<void>(() => {}) }),
    );
    const pending = health.readiness();
    await vi.advanceTimersByTimeAsync(STORE_CHECK_TIMEOUT_MS);
    expect((await pending).error).toEqual({
      replayStore: { status: 'down', message: 'the replay store did not answer within 1000 ms' },
    });
  });
});
