import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  const server = app.getHttpServer() as import('node:http').Server;
  // Slow-client limits (SIGNING.md §8): headers within 20 s, a whole request within 30 s.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '127.0.0.1');
  console.error(`nest-mcp demo listening on http://127.0.0.1:${port}/mcp`);
}

void bootstrap();
