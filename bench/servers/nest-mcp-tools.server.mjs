// nest-mcp on Fastify with BENCH_TOOLS public tools (one provider, generated methods), for the
// tools/list rows: a 1,000-tool list against a 1-tool list (BENCH_DIST: another build). Rate limit and Host/Origin checks
// as in the demo.
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { nestMcp } from './bench-app.mjs';
import { listenNest, nestAdapter, serveChild } from './child.mjs';

const { McpModule, PublicTool, Tool } = nestMcp;

const count = Number(process.env.BENCH_TOOLS ?? 1);

class ManyTools {}
for (let i = 0; i < count; i++) {
  const name = `tool_${String(i).padStart(4, '0')}`;
  const method = function () {
    return name;
  };
  Object.defineProperty(ManyTools.prototype, name, {
    value: method,
    writable: true,
    configurable: true,
  });
  Reflect.decorate(
    [
      PublicTool(),
      Tool({
        name,
        description: `Look up entry ${i} of the catalogue`,
        inputSchema: {
          type: 'object',
          properties: { query: { type: 'string', description: 'What to look up' } },
          required: ['query'],
        },
        annotations: { readOnlyHint: true },
      }),
    ],
    ManyTools.prototype,
    name,
    Object.getOwnPropertyDescriptor(ManyTools.prototype, name),
  );
}
Reflect.decorate([Injectable()], ManyTools);

class ToolsModule {}
Reflect.decorate(
  [
    Module({
      imports: [
        McpModule.forRoot({
          serverInfo: { name: 'bench-tools', version: '0.0.0' },
          rateLimit: { anonymous: { limit: 1e9, ttlMs: 60_000 } },
        }),
      ],
      providers: [ManyTools],
    }),
  ],
  ToolsModule,
);

await serveChild(async () => {
  const app = await NestFactory.create(ToolsModule, await nestAdapter(), {
    logger: ['error', 'warn'],
  });
  return listenNest(app);
});
