import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  CreateTaskResultSchema,
  ElicitRequestSchema,
  ErrorCode,
  ListTasksResultSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpModule } from '../../src/mcp/index.js';
import { FixtureTasksTools } from '../fixture/fixture-tasks.tools.js';
import { startApp, type RunningApp } from '../support/demo-app.js';
import type { Wire } from '../support/wire/http.client.js';
import { statelessHeaders, statelessMessage } from '../support/wire/stateless.requests.js';

const TASKS = 'io.modelcontextprotocol/tasks';
const RELATED = 'io.modelcontextprotocol/related-task';

/** The fixture's task tools (slow_compute is the slow one), with a fast poll interval. */
@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: { name: 'tasks-e2e', version: '1.0.0' },
      tasks: { pollIntervalMs: 50 },
    }),
  ],
  providers: [FixtureTasksTools],
})
class TasksAppModule {}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('tasks', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp(TasksAppModule);
  });

  afterAll(async () => {
    await server?.close();
  });

  describe('session era (2025-11-25) with the v1 SDK client', () => {
    let client: Client;
    const elicitations: Wire[] = [];

    beforeAll(async () => {
      client = new Client(
        { name: 'tasks-v1', version: '1.0.0' },
        { capabilities: { elicitation: {} } },
      );
      client.setRequestHandler(ElicitRequestSchema, (request) => {
        elicitations.push(request.params);
        return { action: 'accept', content: { confirm: true } };
      });
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    });

    afterAll(async () => {
      await client?.close();
    });

    it('declares the 2025-11-25 tasks capability and each tool’s taskSupport', async () => {
      expect(client.getServerCapabilities()?.tasks).toEqual({
        list: {},
        cancel: {},
        requests: { tools: { call: {} } },
      });
      const { tools } = await client.listTools();
      expect(tools.find((t) => t.name === 'slow_compute')?.execution).toEqual({
        taskSupport: 'optional',
      });
    });

    it('runs a task-augmented call: task created, polled, result fetched with tasks/result', async () => {
      const seen: string[] = [];
      let text = '';
      let taskId = '';
      for await (const message of client.experimental.tasks.callToolStream(
        { name: 'slow_compute', arguments: { seconds: 0.3, label: 'v1' } },
        CallToolResultSchema,
        { task: { ttl: 60_000 } },
      )) {
        seen.push(message.type);
        if (message.type === 'taskCreated') {
          taskId = message.task.taskId;
          expect(message.task.status).toBe('working');
          expect(message.task.ttl).toBe(60_000);
        }
        if (message.type === 'result') {
          text = (message.result.content as { text: string }[])[0].text;
          expect((message.result._meta as Wire)[RELATED]).toEqual({ taskId });
        }
        if (message.type === 'error') throw message.error;
      }
      expect(seen[0]).toBe('taskCreated');
      expect(seen).toContain('taskStatus');
      expect(seen.at(-1)).toBe('result');
      expect(text).toBe('v1: done after 0.3 s');
      const task = await client.experimental.tasks.getTask(taskId);
      expect(task.status).toBe('completed');
      const { tasks } = await client.request(
        { method: 'tasks/list', params: {} },
        ListTasksResultSchema,
      );
      expect(tasks.map((t) => t.taskId)).toContain(taskId);
    });

    it('cancels a running task; cancelling it again is -32602', async () => {
      const created = (await client.request(
        {
          method: 'tools/call',
          params: { name: 'slow_compute', arguments: { seconds: 30 }, task: {} },
        },
        CreateTaskResultSchema,
      )) as { task: { taskId: string } };
      const cancelled = await client.experimental.tasks.cancelTask(created.task.taskId);
      expect(cancelled.status).toBe('cancelled');
      expect((await client.experimental.tasks.getTask(created.task.taskId)).status).toBe(
        'cancelled',
      );
      const again = await client.experimental.tasks
        .cancelTask(created.task.taskId)
        .catch((e: unknown) => e);
      expect(again).toBeInstanceOf(McpError);
      expect((again as McpError).code).toBe(ErrorCode.InvalidParams);
    });

    it('asks its question over the tasks/result stream with the related-task _meta', async () => {
      elicitations.length = 0;
      let text = '';
      for await (const message of client.experimental.tasks.callToolStream(
        { name: 'confirm_delete', arguments: { filename: 'notes.txt' } },
        CallToolResultSchema,
        { task: {} },
      )) {
        if (message.type === 'result')
          text = (message.result.content as { text: string }[])[0].text;
        if (message.type === 'error') throw message.error;
      }
      expect(text).toBe('Deleted notes.txt');
      expect(elicitations).toHaveLength(1);
      expect(elicitations[0].message).toBe('Delete notes.txt?');
      expect(elicitations[0]._meta[RELATED].taskId).toEqual(expect.any(String));
    });

    it('refuses a task-required tool called without params.task (-32601)', async () => {
      const error = await client
        .request(
          { method: 'tools/call', params: { name: 'failing_job', arguments: {} } },
          CallToolResultSchema,
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(McpError);
      expect((error as McpError).code).toBe(ErrorCode.MethodNotFound);
    });
  });

  describe('stateless era (2026-07-28 tasks extension) over fetch', () => {
    const withTasks = { elicitation: {}, extensions: { [TASKS]: {} } };

    async function post(
      method: string,
      params: Record<string, unknown>,
      capabilities: Record<string, unknown> = withTasks,
    ): Promise<{ status: number; body: Wire }> {
      const name =
        method === 'tools/call' ? String(params.name) : (params.taskId as string | undefined);
      const meta = { 'io.modelcontextprotocol/clientCapabilities': capabilities };
      const res = await fetch(server.url, {
        method: 'POST',
        headers: statelessHeaders(method, name),
        body: JSON.stringify(statelessMessage(method, params, { meta })),
      });
      return { status: res.status, body: (await res.json()) as Wire };
    }

    async function poll(taskId: string, until: (task: Wire) => boolean): Promise<Wire> {
      for (let i = 0; i < 100; i++) {
        const { body } = await post('tasks/get', { taskId });
        if (until(body.result)) return body.result as Wire;
        await sleep(50);
      }
      throw new Error(`task ${taskId} never reached the expected state`);
    }

    it('advertises the extension in server/discover, not a tasks slot', async () => {
      const { body } = await post('server/discover', {});
      expect(body.result.capabilities.extensions).toEqual({ [TASKS]: {} });
      expect(body.result.capabilities.tasks).toBeUndefined();
    });

    it('creates a task, then tasks/get reports working and finally the inlined result', async () => {
      const { status, body } = await post('tools/call', {
        name: 'slow_compute',
        arguments: { seconds: 0.3, label: 'raw' },
      });
      expect(status).toBe(200);
      const created = body.result as Wire;
      expect(created).toMatchObject({ resultType: 'task', status: 'working', pollIntervalMs: 50 });
      expect(created.ttlMs).toBe(3_600_000);
      expect(Date.parse(created.createdAt as string)).not.toBeNaN();
      for (const absent of ['task', 'result', 'error', 'inputRequests', 'requestState', 'ttl'])
        expect(created).not.toHaveProperty(absent);
      const first = await post('tasks/get', { taskId: created.taskId });
      expect(first.body.result).toMatchObject({
        resultType: 'complete',
        taskId: created.taskId,
        status: 'working',
      });
      const done = await poll(created.taskId as string, (t) => t.status !== 'working');
      expect(done.status).toBe('completed');
      expect(done.result.content).toEqual([{ type: 'text', text: 'raw: done after 0.3 s' }]);
      expect(done.result._meta?.[RELATED]).toBeUndefined();
    });

    it('cancels a running task with a bare ack; the task settles cancelled', async () => {
      const { body } = await post('tools/call', {
        name: 'slow_compute',
        arguments: { seconds: 30 },
      });
      const taskId = body.result.taskId as string;
      const ack = await post('tasks/cancel', { taskId });
      expect(ack.status).toBe(200);
      expect(Object.keys(ack.body.result as Wire).sort()).toEqual(['_meta', 'resultType']);
      expect(ack.body.result.resultType).toBe('complete');
      await sleep(50);
      expect((await post('tasks/get', { taskId })).body.result.status).toBe('cancelled');
      const again = await post('tasks/cancel', { taskId });
      expect(again.body.result.resultType).toBe('complete');
    });

    it('parks in input_required and resumes after tasks/update', async () => {
      const { body } = await post('tools/call', {
        name: 'confirm_delete',
        arguments: { filename: 'a.txt' },
      });
      const taskId = body.result.taskId as string;
      const parked = await poll(taskId, (t) => t.status !== 'working');
      expect(parked.status).toBe('input_required');
      expect(parked.inputRequests).toEqual({
        confirm: {
          method: 'elicitation/create',
          params: expect.objectContaining({ message: 'Delete a.txt?' }) as unknown,
        },
      });
      const ack = await post('tasks/update', {
        taskId,
        inputResponses: { confirm: { action: 'accept', content: { confirm: true } }, extra: {} },
      });
      expect(ack.body.result).not.toHaveProperty('status');
      expect(ack.body.result.resultType).toBe('complete');
      const done = await poll(taskId, (t) => t.status === 'completed' || t.status === 'failed');
      expect(done.result.content[0].text).toBe('Deleted a.txt');
    });

    it('gathers MRTR input on the call first, then hands off to a task (required tool)', async () => {
      const r1 = await post('tools/call', { name: 'test_tool_with_task', arguments: {} });
      expect(r1.body.result.resultType).toBe('input_required');
      expect(r1.body.result).not.toHaveProperty('taskId');
      const r2 = await post('tools/call', {
        name: 'test_tool_with_task',
        arguments: {},
        inputResponses: { user_name: { action: 'accept', content: { name: 'Alice' } } },
        requestState: r1.body.result.requestState,
      });
      expect(r2.body.result.resultType).toBe('task');
      expect(r2.body.result).not.toHaveProperty('requestState');
      const done = await poll(r2.body.result.taskId as string, (t) => t.status === 'completed');
      expect(done.result.content[0].text).toBe('Hello, Alice!');
    });

    it('without the extension: plain results, -32021 for required tools and the task methods', async () => {
      const plain = await post(
        'tools/call',
        { name: 'slow_compute', arguments: { seconds: 0 } },
        {},
      );
      expect(plain.body.result.resultType).toBe('complete');
      expect(plain.body.result.content[0].text).toBe('compute: done after 0 s');
      const required = await post('tools/call', { name: 'failing_job', arguments: {} }, {});
      expect(required.status).toBe(400);
      expect(required.body.error.code).toBe(-32021);
      expect(required.body.error.data).toEqual({
        requiredCapabilities: { extensions: { [TASKS]: {} } },
      });
      const get = await post('tasks/get', { taskId: 'x' }, {});
      expect(get.status).toBe(400);
      expect(get.body.error.code).toBe(-32021);
    });

    it('answers an unknown task -32602 and the removed methods 404 / -32601', async () => {
      const unknown = await post('tasks/get', { taskId: 'no-such-task' });
      expect(unknown.body.error.code).toBe(-32602);
      for (const method of ['tasks/list', 'tasks/result']) {
        const removed = await post(method, method === 'tasks/result' ? { taskId: 'x' } : {});
        expect(removed.status).toBe(404);
        expect(removed.body.error.code).toBe(-32601);
      }
    });

    it('records a tool error as completed + isError, a protocol error as failed', async () => {
      const job = await post('tools/call', { name: 'failing_job', arguments: {} });
      const proto = await post('tools/call', { name: 'protocol_error_job', arguments: {} });
      const failedTool = await poll(
        job.body.result.taskId as string,
        (t) => t.status !== 'working',
      );
      expect(failedTool.status).toBe('completed');
      expect(failedTool.result.isError).toBe(true);
      const failed = await poll(proto.body.result.taskId as string, (t) => t.status !== 'working');
      expect(failed.status).toBe('failed');
      expect(failed.error).toEqual({
        code: -32603,
        message: 'protocol_error_job failed on purpose',
      });
      expect(failed).not.toHaveProperty('result');
    });
  });
});
