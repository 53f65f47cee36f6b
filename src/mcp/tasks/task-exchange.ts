import type { InputMethod, McpExchange } from '../context/mcp-exchange.interface.js';
import { InputRequiredSignal } from '../context/input-required.signal.js';
import { assertClientCapability } from '../protocol/input-capability.js';
import type { JsonRpcNotification } from '../protocol/jsonrpc.types.js';
import { InputCollector } from '../context/input-collector.js';
import type { TaskRun } from './task-run.js';
import type { StoredTask } from './task.types.js';

/** What a task's exchange reaches beyond the task itself. */
export interface TaskExchangeHooks {
  /** The creating `tools/call` while its MRTR phase lasts. */
  request?: McpExchange;
  /** Delivers a notification to the task's session (GET stream), if any. */
  toSession: (notification: JsonRpcNotification) => void;
  /** Session era: waits for the answer through `tasks/result`. */
  askInSession: (
    method: InputMethod,
    params: Record<string, unknown>,
  ) => Promise<Record<string, unknown>>;
}

/** The exchange a task's handler sees: the task's own signal; questions per era and phase. */
export function taskExchange(
  task: StoredTask,
  run: TaskRun,
  hooks: TaskExchangeHooks,
): McpExchange {
  const { request } = hooks;
  const inRequest = (): boolean => run.phase === 'request' && request !== undefined;
  const collector = new InputCollector(run.answers);
  return {
    era: task.era,
    protocolVersion: task.protocolVersion,
    requestId: request?.requestId ?? task.taskId,
    method: 'tools/call',
    principal: Object.freeze({ ...task.principal }),
    clientKey: task.clientKey,
    clientCapabilities: task.clientCapabilities,
    // The creating request's, in this process (neither is stored with the task).
    clientInfo: request?.clientInfo,
    httpRequest: request?.httpRequest,
    sessionId: task.sessionId,
    meta: task.meta,
    signal: run.abort.signal,
    logLevel: inRequest() ? request?.logLevel : undefined,
    notify: (method, params) =>
      inRequest()
        ? request!.notify(method, params)
        : hooks.toSession({ jsonrpc: '2.0', method, params }),
    disconnect: () => undefined,
    input: (method, params, key) => {
      if (inRequest()) return askInRequest(request!, run, method, params, key ?? method);
      assertClientCapability(method, task.clientCapabilities, params);
      if (task.era === 'stateless') return collector.ask(method, params, key ?? method);
      return hooks.askInSession(method, params);
    },
  };
}

/** MRTR phase: the call's own input-required round; answers are kept for the task. */
async function askInRequest(
  request: McpExchange,
  run: TaskRun,
  method: InputMethod,
  params: Record<string, unknown>,
  key: string,
): Promise<Record<string, unknown>> {
  run.requestInputs += 1;
  try {
    const answer = await request.input(method, params, key);
    run.answers[key] = answer;
    return answer;
  } catch (error) {
    if (error instanceof InputRequiredSignal) run.requestSignal = error;
    throw error;
  } finally {
    run.requestInputs -= 1;
  }
}
