import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer } from 'node:net';
import { AppModule } from '../../src/demo/app.module.js';
import type { RunningApp, TestAdapter } from './demo-app.js';

/** A TCP port free right now on 127.0.0.1 (the OS picks it; we release it at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Boots the demo on a port chosen before boot, for settings that must name the server's own
 * URL when the demo reads its environment (the signing `MCP_PUBLIC_URL`). `env` receives the
 * origin, e.g. `http://127.0.0.1:40123`, and is set only while the app is created.
 */
export async function startDemoAppAtPort(options: {
  adapter?: TestAdapter;
  env: (origin: string) => Record<string, string>;
}): Promise<RunningApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = options.env(origin);
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  let app: INestApplication;
  try {
    const settings = { logger: false as const, abortOnError: false };
    if ((options.adapter ?? 'express') === 'express') {
      app = await NestFactory.create(AppModule, settings);
    } else {
      const { FastifyAdapter } = await import('@nestjs/platform-fastify');
      app = await NestFactory.create(AppModule, new FastifyAdapter(), settings);
    }
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  await app.listen(port, '127.0.0.1');
  return { app, port, origin, url: `${origin}/mcp`, close: () => app.close() };
}
