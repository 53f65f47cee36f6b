import { randomUUID } from 'node:crypto';
import type { TaskLaunch } from './task-launch.interface.js';
import type { StoredTask } from './task.types.js';
import { taskOwner } from './task-owner.js';

/** A fresh working task for a launch; the client's TTL is honoured up to the configured one. */
export function newTask(launch: TaskLaunch, maxTtlMs: number, pollIntervalMs: number): StoredTask {
  const { exchange } = launch;
  const now = Date.now();
  const requested = launch.requestedTtlMs;
  const ttlMs =
    Number.isInteger(requested) && requested! > 0 ? Math.min(requested!, maxTtlMs) : maxTtlMs;
  return {
    taskId: randomUUID(),
    principalId: taskOwner(exchange),
    principal: { ...exchange.principal },
    clientKey: exchange.clientKey,
    era: exchange.era,
    protocolVersion: exchange.protocolVersion,
    ...(exchange.sessionId ? { sessionId: exchange.sessionId } : {}),
    status: 'working',
    createdAt: now,
    lastUpdatedAt: now,
    ttlMs,
    pollIntervalMs,
    toolName: launch.tool.definition.name,
    arguments: launch.arguments,
    clientCapabilities: exchange.clientCapabilities,
    meta: exchange.meta,
    answers: {},
  };
}
