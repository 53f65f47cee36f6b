import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemorySessionStore } from './memory-session.store.js';
import type { McpSession } from './session.interface.js';

const TTL = 1000;
const stores: MemorySessionStore[] = [];

function store(maxSessions = 10): MemorySessionStore {
  const created = new MemorySessionStore(TTL, maxSessions);
  stores.push(created);
  return created;
}

function session(id: string): McpSession {
  return {
    id,
    principalId: 'anonymous:anonymous',
    protocolVersion: '2025-11-25',
    clientCapabilities: { roots: {} },
    initialized: false,
    subscriptions: [],
    createdAt: Date.now(),
    lastSeenAt: Date.now(),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});

afterEach(() => {
  stores.splice(0).forEach((s) => s.onModuleDestroy());
  vi.useRealTimers();
});

describe('MemorySessionStore', () => {
  it('stores, reads, updates, counts and deletes sessions', async () => {
    const s = store();
    expect(await s.create(session('a'))).toBe(true);
    expect(await s.get('a')).toMatchObject({ id: 'a', initialized: false });
    await s.update({ ...session('a'), initialized: true, logLevel: 'warning' });
    expect(await s.get('a')).toMatchObject({ initialized: true, logLevel: 'warning' });
    expect(await s.count()).toBe(1);
    await s.delete('a');
    expect(await s.get('a')).toBeUndefined();
    expect(await s.count()).toBe(0);
  });

  it('answers undefined for an unknown id and does not create on update', async () => {
    const s = store();
    expect(await s.get('nope')).toBeUndefined();
    await s.update(session('ghost'));
    expect(await s.get('ghost')).toBeUndefined();
    expect(await s.count()).toBe(0);
  });

  it('copies the record fields in and out (client data is shared: it is never mutated)', async () => {
    const s = store();
    const original = session('a');
    await s.create(original);
    original.subscriptions.push('tutor://tenses');
    original.initialized = true;
    const read = (await s.get('a'))!;
    expect(read).not.toBe(original);
    expect(read.subscriptions).toEqual([]);
    expect(read.initialized).toBe(false);
    read.subscriptions.push('tutor://verbs/ir');
    read.logLevel = 'debug';
    const again = (await s.get('a'))!;
    expect(again.subscriptions).toEqual([]);
    expect(again.logLevel).toBeUndefined();
  });

  it('expires a session idle for longer than the TTL', async () => {
    const s = store();
    await s.create(session('a'));
    vi.setSystemTime(TTL);
    expect(await s.get('a')).toBeDefined();
    vi.setSystemTime(2 * TTL + 1);
    expect(await s.get('a')).toBeUndefined();
    expect(await s.count()).toBe(0);
  });

  it('refreshes the idle timer on every read', async () => {
    const s = store();
    await s.create(session('a'));
    for (let t = 800; t <= 4000; t += 800) {
      vi.setSystemTime(t);
      expect(await s.get('a'), `alive at ${t} ms`).toBeDefined();
    }
    expect((await s.get('a'))!.lastSeenAt).toBe(4000);
  });

  it('sweeps idle sessions in the background', async () => {
    const s = store();
    await s.create(session('a'));
    await s.create(session('b'));
    await vi.advanceTimersByTimeAsync(TTL / 2);
    await s.get('b');
    await vi.advanceTimersByTimeAsync(2 * TTL);
    expect(await s.count()).toBe(0);
    await s.create(session('c'));
    await vi.advanceTimersByTimeAsync(TTL);
    expect(await s.count()).toBe(1);
  });

  it('refuses new sessions at the cap, and makes room by dropping idle ones first', async () => {
    const s = store(2);
    expect(await s.create(session('a'))).toBe(true);
    expect(await s.create(session('b'))).toBe(true);
    expect(await s.create(session('c'))).toBe(false);
    expect(await s.get('c')).toBeUndefined();
    vi.setSystemTime(900);
    await s.get('a');
    vi.setSystemTime(1500);
    // 'b' has been idle 1500 ms, 'a' only 600 ms: only 'b' makes room.
    expect(await s.create(session('c'))).toBe(true);
    expect(await s.get('a')).toBeDefined();
    expect(await s.get('b')).toBeUndefined();
    expect(await s.create(session('d'))).toBe(false);
  });

  it('stops its sweeper on module destroy', () => {
    const s = store();
    expect(vi.getTimerCount()).toBe(1);
    s.onModuleDestroy();
    expect(vi.getTimerCount()).toBe(0);
  });
});
