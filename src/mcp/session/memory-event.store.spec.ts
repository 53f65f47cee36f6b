import { describe, expect, it } from 'vitest';
import type { JsonRpcMessage } from '../protocol/jsonrpc.types.js';
import { MemoryEventStore } from './memory-event.store.js';

const note = (n: number): JsonRpcMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/progress',
  params: { n },
});

async function replay(store: MemoryEventStore, session: string, lastEventId: string) {
  const sent: [string, JsonRpcMessage][] = [];
  const stream = await store.replayAfter(session, lastEventId, (id, message) =>
    sent.push([id, message]),
  );
  return { stream, sent };
}

describe('MemoryEventStore', () => {
  it('names the stream in every event id', async () => {
    const store = new MemoryEventStore();
    expect(await store.openStream('s1', 'req-7')).toBe('req-7.0');
    expect(await store.append('s1', 'req-7', note(1))).toBe('req-7.1');
    expect(await store.append('s1', 'req-7', note(2))).toBe('req-7.2');
    expect(await store.append('s1', 'get', note(3))).toBe('get.1');
  });

  it('replays everything after the priming event, in order', async () => {
    const store = new MemoryEventStore();
    const priming = await store.openStream('s1', 'a');
    await store.append('s1', 'a', note(1));
    await store.append('s1', 'a', note(2));
    expect(await replay(store, 's1', priming)).toEqual({
      stream: 'a',
      sent: [
        ['a.1', note(1)],
        ['a.2', note(2)],
      ],
    });
  });

  it('replays only later events of that stream and nothing of another', async () => {
    const store = new MemoryEventStore();
    await store.openStream('s1', 'a');
    await store.openStream('s1', 'b');
    const a1 = await store.append('s1', 'a', note(1));
    await store.append('s1', 'b', note(100));
    await store.append('s1', 'a', note(2));
    await store.append('s1', 'b', note(200));
    await store.append('s1', 'a', note(3));
    const { stream, sent } = await replay(store, 's1', a1);
    expect(stream).toBe('a');
    expect(sent.map(([id]) => id)).toEqual(['a.2', 'a.3']);
    expect(sent.map(([, m]) => m)).toEqual([note(2), note(3)]);
  });

  it('answers the stream with nothing to send when the client is up to date', async () => {
    const store = new MemoryEventStore();
    await store.openStream('s1', 'a');
    const last = await store.append('s1', 'a', note(1));
    expect(await replay(store, 's1', last)).toEqual({ stream: 'a', sent: [] });
  });

  it('keeps stream ids that contain dots recoverable', async () => {
    const store = new MemoryEventStore();
    await store.openStream('s1', 'v1.stream');
    const first = await store.append('s1', 'v1.stream', note(1));
    await store.append('s1', 'v1.stream', note(2));
    expect(first).toBe('v1.stream.1');
    expect((await replay(store, 's1', first)).sent.map(([id]) => id)).toEqual(['v1.stream.2']);
  });

  it('bounds each stream to its latest events', async () => {
    const store = new MemoryEventStore(3);
    const priming = await store.openStream('s1', 'a');
    for (let n = 1; n <= 5; n++) await store.append('s1', 'a', note(n));
    expect((await replay(store, 's1', priming)).sent.map(([id]) => id)).toEqual([
      'a.3',
      'a.4',
      'a.5',
    ]);
  });

  it('scopes streams by session', async () => {
    const store = new MemoryEventStore();
    await store.openStream('s1', 'a');
    await store.append('s1', 'a', note(1));
    expect(await replay(store, 's2', 'a.0')).toEqual({ stream: undefined, sent: [] });
  });

  it.each(['unknown.0', 'a', 'a.', '.1', 'a.x', 'a.-1', 'a.1e2', 'a.1.5x', ''])(
    'answers undefined for the unknown or malformed id %j',
    async (eventId) => {
      const store = new MemoryEventStore();
      await store.openStream('s1', 'a');
      await store.append('s1', 'a', note(1));
      expect(await replay(store, 's1', eventId)).toEqual({ stream: undefined, sent: [] });
    },
  );

  it('forgets every stream of a deleted session only', async () => {
    const store = new MemoryEventStore();
    await store.openStream('s1', 'a');
    await store.openStream('s2', 'a');
    await store.append('s2', 'a', note(1));
    await store.deleteSession('s1');
    expect((await replay(store, 's1', 'a.0')).stream).toBeUndefined();
    expect((await replay(store, 's2', 'a.0')).sent).toHaveLength(1);
  });
});
