import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../../src/demo/app.module.js';

/** The demo's tools an anonymous (unsigned) client sees, sorted: keep in step with src/demo. */
export const DEMO_PUBLIC_TOOLS = [
  'check_conjugation',
  'conjugate',
  'conjugation_table',
  'lookup_irregular_verb',
  'lookup_spanish',
  'notes_list',
  'quiz',
];

/** The demo's fixed-URI resources, sorted. */
export const DEMO_RESOURCES = ['tutor://progress', 'tutor://tenses'];

/** Which Nest HTTP adapter serves the app. Both are supported. */
export type TestAdapter = 'express' | 'fastify';

export interface StartAppOptions {
  /** Default `'express'`. `'fastify'` boots, but the transport cannot read Fastify bodies yet. */
  adapter?: TestAdapter;
  /** Runs before `listen` (global prefix, extra middleware…). */
  configure?: (app: INestApplication) => void | Promise<void>;
  /** Path of the MCP endpoint after any global prefix. Default `/mcp`. */
  mcpPath?: string;
  /** Environment variables set only while the app boots (the demo reads its settings then). */
  env?: Record<string, string>;
}

export interface RunningApp {
  app: INestApplication;
  /** Full URL of the MCP endpoint, e.g. `http://127.0.0.1:40123/mcp`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  close: () => Promise<void>;
}

async function createApp(module: Type<unknown>, adapter: TestAdapter): Promise<INestApplication> {
  // abortOnError: false: a boot failure rejects (tests assert on it) instead of exiting the worker.
  const options = { logger: false as const, abortOnError: false };
  if (adapter === 'express') return NestFactory.create(module, options);
  // Loaded lazily so the Express suites never pay for Fastify.
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  return NestFactory.create(module, new FastifyAdapter(), options);
}

/**
 * Boots a Nest app in-process on 127.0.0.1 and an ephemeral port. The caller closes it
 * (usually in `afterAll`).
 */
export async function startApp(
  module: Type<unknown>,
  options: StartAppOptions = {},
): Promise<RunningApp> {
  const app = await withEnv(options.env ?? {}, () =>
    createApp(module, options.adapter ?? 'express'),
  );
  await options.configure?.(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    app,
    port,
    origin,
    url: `${origin}${options.mcpPath ?? '/mcp'}`,
    close: () => app.close(),
  };
}

async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** The demo app (`src/demo/app.module.ts`), served in-process. */
export function startDemoApp(options: StartAppOptions = {}): Promise<RunningApp> {
  return startApp(AppModule, options);
}
