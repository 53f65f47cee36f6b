import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemorySessionStore } from '../../session/memory-session.store.js';
import type { McpSession } from '../../session/session.interface.js';
import { SessionKeepAlive } from './session-keep-alive.js';

const TTL_MS = 1_000;

function session(id: string): McpSession {
  const now = Date.now();
  return {
    id,
    principalId: 'anonymous:',
    protocolVersion: '2025-11-25',
    clientCapabilities: {},
    initialized: true,
    subscriptions: [],
    createdAt: now,
    lastSeenAt: now,
  };
}

describe('SessionKeepAlive', () => {
  let store: MemorySessionStore;
  beforeEach(() => {
    vi.useFakeTimers();
    store = new MemorySessionStore(TTL_MS, 100);
  });
  afterEach(() => vi.useRealTimers());

  it('keeps a held session alive past its idle TTL, and lets it expire once released', async () => {
    await store.create(session('held'));
    await store.create(session('idle'));
    const keepAlive = new SessionKeepAlive(store, TTL_MS / 2);
    keepAlive.hold('held');
    keepAlive.hold('held');
    await vi.advanceTimersByTimeAsync(TTL_MS * 3);
    expect(await store.get('held')).toBeDefined();
    expect(await store.get('idle')).toBeUndefined();

    // Two holds need two releases.
    keepAlive.release('held');
    await vi.advanceTimersByTimeAsync(TTL_MS * 3);
    expect(await store.get('held')).toBeDefined();
    keepAlive.release('held');
    await vi.advanceTimersByTimeAsync(TTL_MS * 3);
    expect(await store.get('held')).toBeUndefined();
  });

  it('runs one timer only while something is held', async () => {
    await store.create(session('a'));
    const keepAlive = new SessionKeepAlive(store, TTL_MS / 2);
    const others = vi.getTimerCount(); // the store's sweeper
    keepAlive.hold('a');
    keepAlive.hold('b');
    expect(vi.getTimerCount()).toBe(others + 1);
    keepAlive.release('a');
    keepAlive.release('b');
    await vi.advanceTimersByTimeAsync(TTL_MS);
    expect(vi.getTimerCount()).toBe(others);
    keepAlive.hold('a');
    expect(vi.getTimerCount()).toBe(others + 1);
    keepAlive.stop();
    expect(vi.getTimerCount()).toBe(others);
  });
});
