// The floor: one bare Nest controller answering the same JSON-RPC calls with the same
// conjugation logic, and nothing else (no validation, no guards, no protocol checks).
// Plain .mjs keeps the bench out of the library build; decorators are applied by hand.
import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Inject, Module, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConjugationService } from '../../dist/src/demo/tutor/conjugation.service.js';
import { listenNest, nestAdapter, serveChild } from './child.mjs';

const SERVER_INFO = { name: 'bare-nest', version: '0.0.0' };
const META = 'io.modelcontextprotocol/';

class BareMcpController {
  sessions = new Set();

  constructor(conjugation) {
    this.conjugation = conjugation;
  }

  handle(body, sessionId, res) {
    const { id, method, params } = body;
    if (method === 'initialize') {
      const session = randomUUID();
      this.sessions.add(session);
      res.header('mcp-session-id', session);
      return {
        jsonrpc: '2.0',
        id,
        result: {
          protocolVersion: params.protocolVersion,
          capabilities: { tools: {} },
          serverInfo: SERVER_INFO,
        },
      };
    }
    if (id === undefined) {
      res.status(202);
      return undefined;
    }
    const stateless = params?._meta?.[`${META}protocolVersion`] !== undefined;
    if (!stateless && !this.sessions.has(sessionId)) {
      res.status(404);
      return { jsonrpc: '2.0', id, error: { code: -32001, message: 'Session not found' } };
    }
    if (method !== 'tools/call' || params.name !== 'conjugate') {
      res.status(404);
      return { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } };
    }
    const { verb, tense, person } = params.arguments;
    const result = {
      content: [{ type: 'text', text: this.conjugation.conjugate(verb, tense, person) }],
    };
    if (stateless) {
      result.resultType = 'complete';
      result._meta = { [`${META}serverInfo`]: SERVER_INFO };
    }
    return { jsonrpc: '2.0', id, result };
  }
}

// What `@Controller('mcp')`, `@Post() @HttpCode(200)`, `@Body()`, `@Headers(...)`,
// `@Res({ passthrough: true })` and `@Inject(ConjugationService)` would write.
const proto = BareMcpController.prototype;
Reflect.decorate(
  [Post(), HttpCode(200)],
  proto,
  'handle',
  Object.getOwnPropertyDescriptor(proto, 'handle'),
);
Body()(proto, 'handle', 0);
Headers('mcp-session-id')(proto, 'handle', 1);
Res({ passthrough: true })(proto, 'handle', 2);
Inject(ConjugationService)(BareMcpController, undefined, 0);
Reflect.decorate([Controller('mcp')], BareMcpController);

class BareModule {}
Reflect.decorate(
  [Module({ controllers: [BareMcpController], providers: [ConjugationService] })],
  BareModule,
);

await serveChild(async () => {
  const adapter = await nestAdapter();
  const options = { logger: ['error', 'warn'] };
  const app = adapter
    ? await NestFactory.create(BareModule, adapter, options)
    : await NestFactory.create(BareModule, options);
  return listenNest(app);
});
