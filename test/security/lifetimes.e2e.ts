import { Injectable, Module } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import {
  Args,
  EventStore,
  McpCtx,
  McpModule,
  MemoryEventStore,
  PublicTool,
  ResourceTemplate,
  Tool,
  type McpContext,
} from '../../src/mcp/index.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { send, type Wire } from '../support/wire/http.client.js';
import { openSession } from '../support/wire/session.opener.js';
import { sessionRequest } from '../support/wire/session.requests.js';
import { waitUntil } from '../support/wait-until.js';

/** A public streaming tool and a public resource template. */
@PublicTool()
@Injectable()
class StreamingTools {
  @Tool({
    name: 'stream_out',
    description: 'Sends one progress notification of `size` bytes, then answers',
    inputSchema: { type: 'object', properties: { size: { type: 'integer' } } },
  })
  streamOut(@Args() args: { size?: number }, @McpCtx() ctx: McpContext): string {
    ctx.progress(1, 1, 'x'.repeat(args.size ?? 16));
    return 'done';
  }

  @ResourceTemplate({ uriTemplate: 'board://items/{id}', name: 'item', description: 'An item' })
  item(vars: Record<string, string>): string {
    return `item ${vars.id}`;
  }
}

function moduleWith(session: { idleTtlMs?: number }, sse: { finishedStreamGraceMs?: number }) {
  @Module({
    imports: [McpModule.forRoot({ serverInfo: { name: 'lifetimes', version: '1' }, session, sse })],
    providers: [StreamingTools],
  })
  class LifetimesModule {}
  return LifetimesModule;
}

async function withApp(
  module: ReturnType<typeof moduleWith>,
  run: (app: RunningApp) => Promise<void>,
): Promise<void> {
  const app = await startApp(module);
  try {
    await run(app);
  } finally {
    await app.close();
  }
}

/** A streamed call: the progress token makes the answer an SSE stream with a stored event. */
const streamedCall = (sid: string, id: number, size = 16) =>
  sessionRequest(sid, {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'stream_out', arguments: { size }, _meta: { progressToken: id } },
  });

const storeOf = (app: RunningApp): MemoryEventStore => app.app.get<MemoryEventStore>(EventStore);

describe('I. Lifetimes of what sessions leave behind', () => {
  it('I4 sessions with one streamed call each, then all expired: their event logs die with them', async () => {
    await withApp(moduleWith({ idleTtlMs: 300 }, {}), async (app) => {
      for (let i = 0; i < 100; i++) {
        const sid = await openSession(app.url);
        const res = await send(app.port, streamedCall(sid, 2));
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      }
      expect(storeOf(app).stats().sessions).toBeGreaterThan(0);
      await waitUntil(() => storeOf(app).stats().sessions === 0, 'expired event logs', 5_000);
      expect(storeOf(app).stats()).toEqual({ sessions: 0, streams: 0, events: 0 });
    });
  });

  it('I5 one session, 200 streamed 100 KB calls: finished streams’ events are dropped after the grace period', async () => {
    await withApp(moduleWith({}, { finishedStreamGraceMs: 200 }), async (app) => {
      const sid = await openSession(app.url);
      for (let i = 0; i < 200; i++) await send(app.port, streamedCall(sid, i + 2, 100_000));
      await waitUntil(() => storeOf(app).stats().events === 0, 'finished streams dropped', 5_000);
      expect(storeOf(app).stats().streams).toBe(0);
    });
  });

  it('I6 subscriptions are capped per session and URI length is capped', async () => {
    await withApp(moduleWith({}, {}), async (app) => {
      const sid = await openSession(app.url);
      const subscribe = async (uri: string, id: number): Promise<Wire> =>
        (
          await send(
            app.port,
            sessionRequest(sid, {
              jsonrpc: '2.0',
              id,
              method: 'resources/subscribe',
              params: { uri },
            }),
          )
        ).json();
      const long = await subscribe(`board://items/${'x'.repeat(250_000)}`, 1);
      expect(long.error?.code).toBe(-32602);
      const answers: Wire[] = [];
      for (let i = 0; i < 150; i++) answers.push(await subscribe(`board://items/${i}`, i + 2));
      const accepted = answers.filter((a) => a.result !== undefined).length;
      expect(accepted).toBe(100);
      expect(answers[149].error?.code).toBe(-32602);
    });
  });
});
