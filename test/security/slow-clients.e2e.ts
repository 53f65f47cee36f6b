import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { expectResult, expectRetryAfter, expectRpcError } from '../support/security/expect-wire.js';
import { useSecureApp } from '../support/security/secure-app.fixture.js';
import { sessionStream } from '../support/wire/session.requests.js';
import { statelessRequest, toolCall } from '../support/wire/stateless.requests.js';

/**
 * Node's slow-client limits, set as src/demo/main.ts does (headersTimeout 20 s, requestTimeout
 * 30 s) but scaled down 20×/15× so the suite stays fast: 1 s and 2 s, checked every 200 ms.
 */
const TIMEOUTS = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, checkIntervalMs: 200 };

const s = useSecureApp({
  timeouts: TIMEOUTS,
  mcp: {
    sse: { heartbeatMs: 100, retryMs: 1_500, maxBufferedBytes: 64 * 1024, maxLifetimeMs: 1_000 },
    concurrency: { streamsPerAgent: 3, streamsPerAnonymousAddress: 2, callsPerAgent: 8 },
  },
});

/** Dribbles `bytes` one at a time every `everyMs`; resolves with what came back and when the socket closed. */
function dribble(head: string, bytes: string, everyMs: number, giveUpMs: number) {
  return new Promise<{ closedAfterMs: number; received: string }>((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(s.port, '127.0.0.1');
    let received = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < bytes.length && !socket.destroyed) socket.write(bytes[i++]);
    }, everyMs);
    const done = () => {
      clearInterval(timer);
      clearTimeout(limit);
      socket.destroy();
      resolve({ closedAfterMs: Date.now() - started, received });
    };
    const limit = setTimeout(done, giveUpMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (d) => (received += d.toString()));
    socket.on('close', done);
    socket.on('error', () => undefined);
  });
}

describe('G. Slow clients / resource exhaustion (end to end; Node timeouts scaled: 1 s headers, 2 s request)', () => {
  it('G1 slowloris headers, one byte every 300 ms → socket closed at headersTimeout; no handler ran', async () => {
    const before = s.probe.total;
    const { closedAfterMs, received } = await dribble(
      'POST /mcp HTTP/1.1\r\n',
      `Host: 127.0.0.1:${s.port}\r\nX-Slow: ${'a'.repeat(100)}`,
      300,
      5_000,
    );
    expect(closedAfterMs).toBeLessThan(TIMEOUTS.headersTimeoutMs + 1_000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(s.probe.total).toBe(before);
  });

  it('G2 slow body: Content-Length 1 MiB at one byte per 100 ms → 408 / closed at requestTimeout', async () => {
    const before = s.probe.total;
    const head =
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: application/json\r\n` +
      `Accept: application/json, text/event-stream\r\nContent-Length: ${1024 * 1024}\r\n\r\n`;
    const { closedAfterMs, received } = await dribble(head, '{'.padEnd(200, ' '), 100, 6_000);
    expect(closedAfterMs).toBeLessThan(TIMEOUTS.requestTimeoutMs + 1_000);
    expect(received === '' || /^HTTP\/1\.1 408/.test(received)).toBe(true);
    expect(s.probe.total).toBe(before);
  });

  it('G3 an SSE reader that never reads while the server emits notifications → stream cut once the backlog passes the cap; memory flat', async () => {
    const n = 4_000;
    const size = 8 * 1024;
    const req = statelessRequest(
      'tools/call',
      { name: 'probe_chatty', arguments: { n, size } },
      {
        name: 'probe_chatty',
        meta: { progressToken: 'p' },
      },
    );
    const heap = process.memoryUsage().heapUsed;
    const socket = connect(s.port, '127.0.0.1');
    let received = 0;
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      const lines = Object.entries(req.headers)
        .map(([k, v]) => `${k}: ${String(v)}\r\n`)
        .join('');
      socket.write(
        `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n${lines}Content-Length: ${req.body!.length}\r\n\r\n`,
      );
      socket.write(req.body!);
      socket.pause(); // never read
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    socket.on('data', (d: Buffer) => (received += d.length));
    socket.resume();
    const closed = await Promise.race([
      ended.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
    ]);
    socket.destroy();
    expect(closed).toBe(true);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(n * size);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 * 1024 * 1024);
  });

  it('G4 GET streams: a 2nd per session → 409; past the per-agent cap → 429; past the per-address anonymous cap → 429 (caps scaled to 3 and 2)', async () => {
    const sign_ = (sid: string) => s.sign(sessionStream(sid));
    const open: Array<{ close: () => void }> = [];
    try {
      const sids = await Promise.all([0, 1, 2, 3].map(() => s.openSession(s.agents.writer)));
      const first = await s.openStream(sign_(sids[0]));
      open.push(first);
      expect(first.status).toBe(200);
      const second = await s.openStream(sign_(sids[0]));
      open.push(second);
      expect(second.status).toBe(409);
      for (const sid of sids.slice(1, 3)) {
        const ok = await s.openStream(sign_(sid));
        open.push(ok);
        expect(ok.status).toBe(200);
      }
      const over = await s.openStream(sign_(sids[3]));
      open.push(over);
      expect(over.status).toBe(429);
      expect(over.headers['retry-after']).toMatch(/^\d+$/);
      const anon = await Promise.all([0, 1, 2].map(() => s.openSession()));
      const statuses: number[] = [];
      for (const sid of anon) {
        const st = await s.openStream(sessionStream(sid));
        open.push(st);
        statuses.push(st.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      for (const o of open) o.close();
    }
  });

  it('G5a an idle stream gets heartbeat comments; its priming event carries an SSE retry field', async () => {
    const sid = await s.openSession(s.agents.other);
    const stream = await s.openStream(s.sign(sessionStream(sid), s.agents.other));
    try {
      const priming = await stream.reader!.next();
      expect(priming.retry).toBe(1_500);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(
        stream.reader!.comments.filter((c) => c.includes('keep-alive')).length,
      ).toBeGreaterThanOrEqual(2);
    } finally {
      stream.close();
    }
  });

  it('G5b an idle stream is closed at its maximum lifetime (scaled to 1 s) with an SSE `retry:` field; the client can reconnect', async () => {
    const sid = await s.openSession(s.agents.other);
    const started = Date.now();
    const stream = await s.openStream(s.sign(sessionStream(sid), s.agents.other));
    try {
      await stream.reader!.next();
      await stream.reader!.ended;
      const lived = Date.now() - started;
      expect(lived).toBeGreaterThanOrEqual(900);
      expect(lived).toBeLessThan(3_000);
      expect(stream.reader!.retries.at(-1)).toBe(1_500);
    } finally {
      stream.close();
    }
    const again = await s.openStream(s.sign(sessionStream(sid), s.agents.other));
    try {
      expect(again.status).toBe(200);
    } finally {
      again.close();
    }
  });

  it('G6 concurrent long tools/call from one principal → 429 past the in-flight cap (8)', async () => {
    s.probe.hold();
    const calls = Array.from({ length: 12 }, (_, i) =>
      s.send(s.sign(toolCall('probe_slow', {}, i), s.agents.admin)),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    s.probe.release();
    const results = await Promise.all(calls);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(4);
    limited.forEach((r) => {
      expectRpcError(r, 429, -32013);
      expectRetryAfter(r);
    });
    results.filter((r) => r.status !== 429).forEach((r) => expectResult(r));
    expect(s.probe.count('probe_slow')).toBe(8);
  });

  it('G7 20 KB of headers → 431 (Node maxHeaderSize 16 KiB)', async () => {
    const before = s.probe.total;
    const req = toolCall('probe_read');
    req.headers['x-padding'] = 'p'.repeat(20 * 1024);
    const res = await s.send(req).catch((error: Error) => ({ status: -1, error }));
    expect(res.status).toBe(431);
    expect(s.probe.total).toBe(before);
  });
});
