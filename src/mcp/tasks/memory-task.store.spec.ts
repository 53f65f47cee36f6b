import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANONYMOUS_PRINCIPAL } from '../security/principal.interface.js';
import { MemoryTaskStore } from './memory-task.store.js';
import type { StoredTask, TaskStatus } from './task.types.js';

const stores: MemoryTaskStore[] = [];

function store(max = 10): MemoryTaskStore {
  const created = new MemoryTaskStore(max);
  stores.push(created);
  return created;
}

function task(
  taskId: string,
  status: TaskStatus = 'working',
  ttlMs: number | null = 1000,
): StoredTask {
  return {
    taskId,
    principalId: 'agent:p1',
    principal: ANONYMOUS_PRINCIPAL,
    clientKey: { kind: 'principal', value: 'k' },
    era: 'stateless',
    protocolVersion: '2026-07-28',
    status,
    createdAt: Date.now(),
    lastUpdatedAt: Date.now(),
    ttlMs,
    pollIntervalMs: 500,
    toolName: 'slow_compute',
    arguments: { seconds: 1 },
    clientCapabilities: {},
    meta: {},
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

describe('MemoryTaskStore', () => {
  it('stores, reads, updates, lists by principal and deletes tasks', async () => {
    const s = store();
    expect(await s.create(task('a'))).toBe(true);
    await s.create({ ...task('b'), principalId: 'agent:p2' });
    const read = await s.get('a');
    expect(read?.status).toBe('working');
    await s.update({ ...read!, status: 'completed', result: { content: [] } });
    expect((await s.get('a'))?.status).toBe('completed');
    expect((await s.list('agent:p1')).map((t) => t.taskId)).toEqual(['a']);
    await s.delete('a');
    expect(await s.get('a')).toBeUndefined();
  });

  it('copies records in and out, so callers never share state with the store', async () => {
    const s = store();
    const original = task('a');
    await s.create(original);
    original.status = 'failed';
    const read = await s.get('a');
    read!.status = 'cancelled';
    expect((await s.get('a'))?.status).toBe('working');
  });

  it('keeps a task for its ttlMs after creation and not a moment longer', async () => {
    const s = store();
    await s.create(task('a', 'working', 1000));
    vi.setSystemTime(999);
    expect(await s.get('a')).toBeDefined();
    vi.setSystemTime(1000);
    expect(await s.get('a')).toBeUndefined();
    expect(await s.list('agent:p1')).toEqual([]);
  });

  it('keeps a task with a null ttl until room is needed', async () => {
    const s = store();
    await s.create(task('a', 'completed', null));
    vi.setSystemTime(365 * 24 * 3600_000);
    expect(await s.get('a')).toBeDefined();
  });

  it('makes room by dropping the oldest finished task, never a running one', async () => {
    const s = store(2);
    await s.create(task('running'));
    await s.create(task('done', 'completed'));
    expect(await s.create(task('new'))).toBe(true);
    expect(await s.get('done')).toBeUndefined();
    expect(await s.get('running')).toBeDefined();
    expect(await s.create(task('refused'))).toBe(false);
    expect(await s.get('refused')).toBeUndefined();
  });

  it('reuses the room of expired tasks when full', async () => {
    const s = store(1);
    await s.create(task('old', 'working', 100));
    vi.setSystemTime(100);
    expect(await s.create(task('new'))).toBe(true);
  });

  it('ignores updates of tasks it no longer holds', async () => {
    const s = store();
    await s.update(task('ghost'));
    expect(await s.get('ghost')).toBeUndefined();
  });
});
