// Shared set-up of the unit specs: a real McpModule in a Nest testing module, closed after each
// test, and the exchange a handler would see. Never built or published (tsconfig excludes it).
import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterEach, expect } from 'vitest';
import type { McpModuleOptions } from './config/mcp-options.interface.js';
import type { McpExchange } from './context/mcp-exchange.interface.js';
import { McpModule } from './mcp.module.js';
import { McpError } from './protocol/mcp.error.js';
import { LOCAL_CLIENT_KEY } from './security/client-key.js';
import { LOCAL_PRINCIPAL } from './security/principal.interface.js';

const refs: TestingModule[] = [];
afterEach(async () => {
  for (const ref of refs.splice(0)) await ref.close();
});

/** A started McpModule with these options (closed after the test). */
export async function bootMcp(
  options: Partial<McpModuleOptions> = {},
  serverVersion = '1.2.3',
): Promise<TestingModule> {
  const ref = await Test.createTestingModule({
    imports: [
      McpModule.forRoot({ serverInfo: { name: 'spec', version: serverVersion }, ...options }),
    ],
  }).compile();
  await ref.init();
  refs.push(ref);
  return ref;
}

/** A session-era exchange from the local user; override what the test is about. */
export function specExchange(more: Partial<McpExchange> = {}): McpExchange {
  return {
    era: 'session',
    protocolVersion: '2025-11-25',
    requestId: 1,
    method: 'tools/call',
    principal: LOCAL_PRINCIPAL,
    clientKey: LOCAL_CLIENT_KEY,
    clientCapabilities: {},
    sessionId: 'session-1',
    meta: {},
    signal: new AbortController().signal,
    logLevel: undefined,
    notify: () => undefined,
    input: () => Promise.reject(new Error('no input')),
    disconnect: () => undefined,
    ...more,
  };
}

/** The McpError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function refusal(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}
