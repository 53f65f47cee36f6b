// @rekog/mcp-nest as installed from npm (bench/peers/node_modules), serving the same conjugation
// logic with a zod schema, on Express, as its README sets it up: a microservice strategy with
// the Streamable HTTP transport (stateful, JSON responses) beside the app's own routes.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { McpController, McpStrategy, StreamableHttpTransport, Tool } from '@rekog/mcp-nest';
import { z } from 'zod';
import { ConjugationService } from '../../dist/src/demo/tutor/conjugation.service.js';
import { PERSONS, TENSES } from '../../dist/src/demo/tutor/verbs.data.js';
import { listenNest, serveChild } from '../servers/child.mjs';

const conjugation = new ConjugationService();

class RekogTools {
  conjugate({ verb, tense, person }) {
    return { content: [{ type: 'text', text: conjugation.conjugate(verb, tense, person) }] };
  }
}
const proto = RekogTools.prototype;
Reflect.decorate(
  [
    Tool({
      name: 'conjugate',
      description: 'Conjugate an English verb in a tense and person',
      parameters: z.object({
        verb: z.string().regex(/^[a-zA-Z]+$/),
        tense: z.enum(TENSES),
        person: z.enum(PERSONS),
      }),
    }),
  ],
  proto,
  'conjugate',
  Object.getOwnPropertyDescriptor(proto, 'conjugate'),
);
Payload()(proto, 'conjugate', 0);
Reflect.decorate([McpController()], RekogTools);

const stateless = process.env.BENCH_STATELESS === '1';
const mcp = new McpStrategy({
  name: 'rekog',
  version: '0.0.0',
  transports: [new StreamableHttpTransport({ enableJsonResponse: true, statefulMode: !stateless })],
});

class RekogModule {}
Reflect.decorate([Module({ controllers: [RekogTools] })], RekogModule);

await serveChild(async () => {
  const app = await NestFactory.create(RekogModule, { logger: ['error', 'warn'] });
  mcp.setHttpAdapter(app.getHttpAdapter());
  app.connectMicroservice({ strategy: mcp });
  await app.startAllMicroservices();
  return listenNest(app);
});
