import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { AppModule } from './app.module.js';
import { applyServerTimeouts } from './server-timeouts.js';

/** Express by default; `MCP_ADAPTER=fastify npm start` serves the same app on Fastify. */
async function createApp(): Promise<INestApplication> {
  if (process.env.MCP_ADAPTER === 'fastify') {
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    return NestFactory.create(AppModule, new FastifyAdapter());
  }
  return NestFactory.create(AppModule);
}

async function bootstrap(): Promise<void> {
  const app = await createApp();
  app.enableShutdownHooks();
  applyServerTimeouts(app.getHttpServer() as Server);
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '127.0.0.1');
  console.error(
    `nest-mcp demo (${process.env.MCP_ADAPTER ?? 'express'}) listening on http://127.0.0.1:${port}/mcp`,
  );
}

void bootstrap();
