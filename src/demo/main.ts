import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { AppModule } from './app.module.js';

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
  const server = app.getHttpServer() as Server;
  // Slow-client limits (SIGNING.md §8): headers within 20 s, a whole request within 30 s.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '127.0.0.1');
  console.error(
    `nest-mcp demo (${process.env.MCP_ADAPTER ?? 'express'}) listening on http://127.0.0.1:${port}/mcp`,
  );
}

void bootstrap();
