import { Injectable, Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  McpModule,
  McpNotifier,
  PublicTool,
  Resource,
  StaticKeyStore,
  Tool,
} from '../../src/mcp/index.js';
import { FixtureTasksTools } from '../fixture/fixture-tasks.tools.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import { edAgent } from '../support/security/agents.js';
import { send, type Wire } from '../support/wire/http.client.js';
import { sessionRequest, sessionStream } from '../support/wire/session.requests.js';
import { openStream } from '../support/wire/sse.stream.js';
import { statelessMeta, statelessRequest } from '../support/wire/stateless.requests.js';
import { SESSION_VERSION, STATELESS_VERSION } from '../support/wire/wire.constants.js';
import { jsonPost } from '../support/wire/wire.request.js';

const TASKS = 'io.modelcontextprotocol/tasks';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A public tool and a resource only signed agents may read. */
@Injectable()
class GuardedResources {
  @Resource({ uri: 'vault://secret', name: 'secret', description: 'Agents only' })
  secret(): string {
    return 'the secret';
  }

  @PublicTool()
  @Resource({ uri: 'board://public', name: 'public', description: 'Anyone' })
  board(): string {
    return 'the board';
  }

  @PublicTool()
  @Tool({ name: 'noop', description: 'Does nothing', inputSchema: { type: 'object' } })
  noop(): string {
    return 'ok';
  }
}

/** The library's defaults: no signing, no hardened options; only a fast poll interval. */
@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'ownership-e2e', version: '1.0.0' },
      tasks: { pollIntervalMs: 20 },
    }),
  ],
  providers: [FixtureTasksTools, GuardedResources],
})
class DefaultsModule {}

let app: RunningApp;
beforeAll(async () => {
  app = await startApp(DefaultsModule);
});
afterAll(() => app?.close());

/** An anonymous session opened from `localAddress` (a distinct client address). */
async function anonymousSession(localAddress: string, capabilities: Wire = {}): Promise<string> {
  const init = jsonPost({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: SESSION_VERSION,
      capabilities,
      clientInfo: { name: 'ownership', version: '1' },
    },
  });
  const res = await send(app.port, init, { localAddress });
  const sid = res.headers['mcp-session-id'] as string;
  expect(res.status).toBe(200);
  await send(
    app.port,
    sessionRequest(sid, { jsonrpc: '2.0', method: 'notifications/initialized' }),
    { localAddress },
  );
  return sid;
}

async function rpc(sid: string, method: string, params: Wire, localAddress: string): Promise<Wire> {
  const res = await send(app.port, sessionRequest(sid, { jsonrpc: '2.0', id: 7, method, params }), {
    localAddress,
  });
  const text =
    res.text.startsWith('event:') || res.text.startsWith('id:') ? sseJson(res.text) : res.text;
  return JSON.parse(text) as Wire;
}

/** The JSON-RPC response carried by an SSE answer. */
function sseJson(text: string): string {
  const data = text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice(6))
    .filter((l) => l.includes('"id"'));
  return data[data.length - 1] ?? '{}';
}

async function stateless(method: string, params: Wire, localAddress: string): Promise<Wire> {
  const name = method === 'tools/call' ? String(params.name) : (params.taskId as string);
  const req = statelessRequest(method, params, {
    name,
    meta: {
      'io.modelcontextprotocol/clientCapabilities': {
        elicitation: {},
        extensions: { [TASKS]: {} },
      },
    },
  });
  const res = await send(app.port, req, { localAddress });
  return JSON.parse(res.text) as Wire;
}

describe('I. Ownership on the library defaults', () => {
  it('I1 anonymous client Y (another address) never sees, reads, answers or cancels anonymous X’s session-era task', async () => {
    const x = await anonymousSession('127.0.0.1');
    const y = await anonymousSession('127.0.0.2');
    const created = await rpc(
      x,
      'tools/call',
      { name: 'slow_compute', arguments: { seconds: 2 }, task: { ttl: 60_000 } },
      '127.0.0.1',
    );
    const taskId = created.result.task.taskId as string;
    expect(typeof taskId).toBe('string');

    const listed = await rpc(y, 'tasks/list', {}, '127.0.0.2');
    expect((listed.result.tasks as Wire[]).map((t) => t.taskId as string)).not.toContain(taskId);
    for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
      const answer = await rpc(y, method, { taskId }, '127.0.0.2');
      expect({ method, code: answer.error?.code }).toEqual({ method, code: -32602 });
    }
    // The stateless era reaches no session-era task either (get, update, cancel).
    for (const method of ['tasks/get', 'tasks/update', 'tasks/cancel']) {
      const answer = await stateless(method, { taskId, inputResponses: {} }, '127.0.0.2');
      expect({ method, code: answer.error?.code }).toEqual({ method, code: -32602 });
    }
    // X still owns it, and it was never cancelled.
    const own = await rpc(x, 'tasks/get', { taskId }, '127.0.0.1');
    expect(own.result.status).toBe('working');
    expect((await rpc(x, 'tasks/list', {}, '127.0.0.1')).result.tasks).toHaveLength(1);
    await rpc(x, 'tasks/cancel', { taskId }, '127.0.0.1');
  });

  it('I1 a pending question of X (confirm_delete) cannot be answered by Y; stateless anonymous tasks are never listed', async () => {
    const asked = await stateless(
      'tools/call',
      { name: 'confirm_delete', arguments: { filename: 'victim.txt' } },
      '127.0.0.1',
    );
    const taskId = asked.result.taskId as string;
    for (let i = 0; i < 50; i++) {
      const t = await stateless('tasks/get', { taskId }, '127.0.0.1');
      if (t.result.status === 'input_required') break;
      await sleep(20);
    }
    // Y in the session era: not listed, not readable, not answerable.
    const y = await anonymousSession('127.0.0.2', { elicitation: {} });
    expect(((await rpc(y, 'tasks/list', {}, '127.0.0.2')).result.tasks as Wire[]).length).toBe(0);
    expect((await rpc(y, 'tasks/get', { taskId }, '127.0.0.2')).error?.code).toBe(-32602);
    expect((await rpc(y, 'tasks/result', { taskId }, '127.0.0.2')).error?.code).toBe(-32602);
    // The id is a capability of ≥ 122 random bits, never listed anywhere.
    expect(taskId).toMatch(/^[0-9a-f-]{36}$|^[A-Za-z0-9_-]{22,}$/);
    await stateless('tasks/cancel', { taskId }, '127.0.0.1');
  });

  it('I2 a key whose principal id is a reserved word is refused when the keys load', () => {
    for (const reserved of ['anonymous', 'local', 'Anonymous']) {
      const agent = edAgent(`k-${reserved}`, reserved, []);
      expect(() => StaticKeyStore.fromConfig([agent.entry])).toThrow(/reserved/);
    }
    expect(() =>
      StaticKeyStore.fromConfig([edAgent('k-ok', 'billing-bot', []).entry]),
    ).not.toThrow();
  });

  it('I3 anonymous resources/subscribe to a resource it may not read is refused; no update reaches it', async () => {
    const sid = await anonymousSession('127.0.0.1');
    const refused = await rpc(sid, 'resources/subscribe', { uri: 'vault://secret' }, '127.0.0.1');
    expect(refused.error).toBeDefined();
    const allowed = await rpc(sid, 'resources/subscribe', { uri: 'board://public' }, '127.0.0.1');
    expect(allowed.result).toEqual({});
    const stream = await openStream(app.port, sessionStream(sid));
    expect(stream.status).toBe(200);
    const notifier = app.app.get(McpNotifier);
    await notifier.resourceUpdated('vault://secret');
    await notifier.resourceUpdated('board://public');
    const uris: string[] = [];
    for (let i = 0; i < 5; i++) {
      const event = await stream.reader!.next(500).catch(() => undefined);
      if (!event) break;
      const data = event.data ? (JSON.parse(event.data) as Wire) : undefined;
      if (data?.method === 'notifications/resources/updated') uris.push(data.params.uri as string);
      if (uris.includes('board://public')) break;
    }
    stream.close();
    expect(uris).toEqual(['board://public']);
  });

  it('I3 stateless subscriptions/listen: a URI the caller may not read is not honoured and never delivered', async () => {
    const req = statelessRequest('subscriptions/listen', {
      notifications: { resourceSubscriptions: ['vault://secret', 'board://public'] },
    });
    const stream = await openStream(app.port, req);
    expect(stream.status).toBe(200);
    const ack = JSON.parse((await stream.reader!.next()).data) as Wire;
    expect(ack.params.notifications.resourceSubscriptions).toEqual(['board://public']);
    const notifier = app.app.get(McpNotifier);
    await notifier.resourceUpdated('vault://secret');
    await notifier.resourceUpdated('board://public');
    const next = JSON.parse((await stream.reader!.next()).data) as Wire;
    stream.close();
    expect(next.params.uri).toBe('board://public');
    expect(STATELESS_VERSION).toBe(statelessMeta()['io.modelcontextprotocol/protocolVersion']);
  });
});
