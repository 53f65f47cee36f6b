import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createParser } from 'eventsource-parser';
import { Agent, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Args,
  EventStore,
  McpCtx,
  McpModule,
  MemoryEventStore,
  PublicTool,
  SessionStore,
  Tool,
  type McpContext,
} from '../../src/mcp/index.js';
import { LiveStreams } from '../../src/mcp/transport/http/live-streams.registry.js';

/**
 * `npm run soak`: bounded by operation count, not time. Opens and expires SESSIONS sessions,
 * then holds STREAMS concurrent SSE streams that receive TICKS notifications each while
 * clients drop and resume them with Last-Event-ID. Asserts that every event arrives exactly
 * once, that the heap after GC returns within 10 % of its start, and that no timer, socket or
 * listener is left behind. Prints memory per idle session and per open stream.
 */
const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 10_000);
const STREAMS = Number(process.env.SOAK_STREAMS ?? 1_000);
const TICKS = 20;
const TICK_MS = 50;
// Long enough that no session expires while the phase opening it runs, short enough to wait.
const IDLE_TTL_MS = Number(process.env.SOAK_IDLE_TTL_MS ?? 20_000);
const ACCEPT = 'application/json, text/event-stream';
const VERSION = '2025-11-25';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

@PublicTool()
@Injectable()
class SoakTools {
  @Tool({
    name: 'ticker',
    description: 'Sends `ticks` progress notifications, one every few milliseconds',
    inputSchema: { type: 'object', properties: { ticks: { type: 'integer' } } },
  })
  async ticker(@Args() args: { ticks: number }, @McpCtx() ctx: McpContext): Promise<string> {
    for (let i = 1; i <= args.ticks; i++) {
      ctx.progress(i, args.ticks);
      await sleep(TICK_MS);
    }
    return 'done';
  }
}

@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'soak', version: '1.0.0' },
      // One client address opens everything here: lift the per-client quotas, keep the rest.
      session: {
        idleTtlMs: IDLE_TTL_MS,
        maxSessions: SESSIONS * 2,
        perAnonymousAddress: SESSIONS * 2,
        anonymousShare: 1,
      },
      concurrency: {
        callsPerAnonymousAddress: STREAMS * 2,
        streamsPerAnonymousAddress: STREAMS * 2,
      },
      health: false,
      metrics: false,
      docs: false,
    }),
  ],
  providers: [SoakTools],
})
class SoakModule {}

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Keep-alive connections for the plain requests (the streams use their own sockets). */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function send(
  port: number,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const out = request({ host: '127.0.0.1', port, method, path: '/mcp', agent, headers });
    out.on('error', reject);
    out.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    });
    out.end(body);
  });
}

async function openSession(port: number): Promise<string> {
  const init = await send(
    port,
    'POST',
    { 'content-type': 'application/json', accept: ACCEPT },
    JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: VERSION, capabilities: {}, clientInfo: { name: 'soak' } },
    }),
  );
  const sid = init.headers['mcp-session-id'];
  if (init.status !== 200 || typeof sid !== 'string') throw new Error(`initialize ${init.status}`);
  await send(
    port,
    'POST',
    {
      'content-type': 'application/json',
      accept: ACCEPT,
      'mcp-session-id': sid,
      'mcp-protocol-version': VERSION,
    },
    JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  );
  return sid;
}

/** Runs `count` jobs with at most `width` at once. */
async function pool(
  count: number,
  width: number,
  job: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await sleep(50);
  }
  return process.memoryUsage().heapUsed;
}

/** Timers, sockets and handles by type, as Node reports them. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/**
 * One streamed call whose client drops the connection at random points and resumes with
 * Last-Event-ID until the response arrives. Returns the progress values seen, in order.
 */
async function streamedCall(port: number, sid: string, id: number): Promise<number[]> {
  const seen: number[] = [];
  const headers = { accept: ACCEPT, 'mcp-session-id': sid, 'mcp-protocol-version': VERSION };
  let lastEventId: string | undefined;
  let done = false;
  let attempt = 0;
  while (!done) {
    if (attempt++ > TICKS + 5) throw new Error(`stream ${id} never finished`);
    const first = lastEventId === undefined;
    await new Promise<void>((resolve, reject) => {
      const out = request({
        host: '127.0.0.1',
        port,
        path: '/mcp',
        agent: false,
        method: first ? 'POST' : 'GET',
        headers: first
          ? { ...headers, 'content-type': 'application/json' }
          : { ...headers, 'last-event-id': lastEventId! },
      });
      // A third of the connections drop after a random number of events.
      const dropAfter = Math.random() < 0.33 ? 1 + Math.floor(Math.random() * TICKS) : Infinity;
      let events = 0;
      out.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ECONNRESET' ? resolve() : reject(error),
      );
      out.on('response', (res) => {
        if (res.statusCode !== 200) {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => reject(new Error(`stream ${id}: ${res.statusCode} ${body}`)));
          return;
        }
        const parser = createParser({
          onEvent: (event) => {
            if (event.id) lastEventId = event.id;
            if (!event.data) return;
            const message = JSON.parse(event.data) as {
              id?: number;
              method?: string;
              params?: { progress: number };
            };
            if (message.method === 'notifications/progress') seen.push(message.params!.progress);
            if (message.id === id) done = true;
            if (++events >= dropAfter && !done) out.destroy();
          },
        });
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => parser.feed(chunk));
        res.on('end', resolve);
        res.on('close', resolve);
      });
      out.end(
        first
          ? JSON.stringify({
              jsonrpc: '2.0',
              id,
              method: 'tools/call',
              params: { name: 'ticker', arguments: { ticks: TICKS }, _meta: { progressToken: id } },
            })
          : undefined,
      );
    });
  }
  return seen;
}

async function main(): Promise<void> {
  const app: INestApplication = await NestFactory.create(SoakModule, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  const events = app.get<MemoryEventStore>(EventStore);
  const sessions = app.get<SessionStore>(SessionStore);
  const listeners = (): number[] => [
    server.listenerCount('request'),
    server.listenerCount('connection'),
    process.listenerCount('SIGTERM'),
    process.listenerCount('exit'),
  ];

  // Warm up, so lazily built things (compiled schemas, JIT) are in the baseline.
  const warm = [await openSession(port), await openSession(port)];
  await streamedCall(port, warm[1], 1);
  for (const sid of warm) await sessions.delete(sid);
  // A burst of connections first: Node keeps up to 1000 HTTP parsers for reuse once it has
  // seen that many at once, which is reuse, not a leak.
  await Promise.all(
    Array.from(
      { length: STREAMS },
      () =>
        new Promise<void>((resolve) => {
          const out = request({ host: '127.0.0.1', port, path: '/mcp', agent: false });
          out.on('response', (res) => res.resume().on('end', resolve));
          out.on('error', () => resolve());
          out.end();
        }),
    ),
  );
  agent.destroy();
  await sleep(1_000);
  process.stdout.write(''); // stdout's pipe handle exists from here on, as at the end
  const baseResources = resources();
  const baseListeners = listeners();
  const start = await settledHeap();

  // Phase 1: open SESSIONS sessions, let them expire.
  let started = performance.now();
  await pool(SESSIONS, 32, async () => void (await openSession(port)));
  const opened = await settledHeap();
  // Sessions opened first may already have expired: divide by the ones alive now.
  const alive = await sessions.count();
  const perSession = (opened - start) / alive;
  console.log(
    `soak: ${SESSIONS} sessions opened in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `${(perSession / 1024).toFixed(2)} KiB of heap per idle session (${alive} alive)`,
  );
  agent.destroy();
  const expireBy = Date.now() + IDLE_TTL_MS * 4;
  while ((await sessions.count()) > 0 && Date.now() < expireBy) await sleep(200);
  if ((await sessions.count()) > 0) throw new Error('sessions did not expire');

  // Phase 2: STREAMS concurrent streams, with drops and Last-Event-ID resumes.
  started = performance.now();
  const sids = await Promise.all(Array.from({ length: STREAMS / 10 }, () => openSession(port)));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 100);
  // Sampled while streams overlap: the heap (after GC) at the largest number seen open at once.
  const live = app.get(LiveStreams);
  let best = { open: 0, heap: 0 };
  let sampling = true;
  const openStreams = (async () => {
    while (sampling) {
      const open = live.openCount;
      if (open > best.open * 1.2 && open >= 10) best = { open, heap: await settledHeap() };
      await sleep(50);
    }
    return best;
  })();
  const results = await Promise.all(
    Array.from({ length: STREAMS }, (_, i) => streamedCall(port, sids[i % sids.length], i + 10)),
  );
  clearInterval(sampler);
  sampling = false;
  const { heap: withStreams, open } = await openStreams;
  if (open === 0) throw new Error('streams never overlapped');
  let lost = 0;
  let duplicated = 0;
  for (const seen of results) {
    const unique = new Set(seen);
    duplicated += seen.length - unique.size;
    for (let t = 1; t <= TICKS; t++) if (!unique.has(t)) lost++;
  }
  const perStream = (withStreams - start) / open;
  console.log(
    `soak: ${STREAMS} concurrent streams × ${TICKS} events in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `lost ${lost}, duplicated ${duplicated}; ~${(perStream / 1024).toFixed(2)} KiB of heap per open stream ` +
      `(${open} open at once when measured, client side included; peak heap ${(peak / 2 ** 20).toFixed(1)} MiB)`,
  );

  // Everything expires: sessions, their event logs, finished streams.
  agent.destroy();
  const quietBy = Date.now() + IDLE_TTL_MS * 4;
  while (((await sessions.count()) > 0 || events.stats().sessions > 0) && Date.now() < quietBy)
    await sleep(250);
  await sleep(1_500);
  const end = await settledHeap();
  const left = events.stats();
  const endResources = resources();
  const endListeners = listeners();
  const growth = (end - start) / start;
  console.log(
    `soak: heap start ${(start / 2 ** 20).toFixed(1)} MiB, end ${(end / 2 ** 20).toFixed(1)} MiB ` +
      `(${(growth * 100).toFixed(1)} %); event store ${JSON.stringify(left)}; ` +
      `resources ${JSON.stringify(endResources)} (start ${JSON.stringify(baseResources)})`,
  );
  const failures: string[] = [];
  if (lost || duplicated) failures.push(`${lost} lost, ${duplicated} duplicated events`);
  if (growth > 0.1) failures.push(`heap grew ${(growth * 100).toFixed(1)} % (> 10 %)`);
  if (left.sessions || left.events) failures.push(`event store kept ${JSON.stringify(left)}`);
  for (const type of new Set([...Object.keys(baseResources), ...Object.keys(endResources)]))
    if ((endResources[type] ?? 0) > (baseResources[type] ?? 0))
      failures.push(`leaked ${type}: ${baseResources[type] ?? 0} → ${endResources[type]}`);
  if (endListeners.join() !== baseListeners.join())
    failures.push(`listeners ${baseListeners.join()} → ${endListeners.join()}`);
  await app.close();
  if (failures.length) {
    console.error(`soak FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log('soak passed');
}

void main();
