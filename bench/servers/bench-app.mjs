// The app nest-mcp's rows serve: the demo's `conjugate` tool (same service, same wire
// definition) declared with a JSON Schema, as the measurements did (a one-tool app,
// public, JSON Schema input), so the rows compare transports and dispatch rather than schema
// libraries (the SDK and the peers validate with zod, the bare controllers not at all).
// BENCH_APP=demo serves the demo's own modules instead (class-validator DTOs, about 25 µs more
// per call). Options are the demo's: the anonymous rate limit stays on (its limit raised out of
// the bench's reach, so every call still takes the limiter's path), Host/Origin checks on
// (loopback defaults), metrics on.
import { Injectable, Module } from '@nestjs/common';
import { pathToFileURL } from 'node:url';

// BENCH_DIST serves another build of nest-mcp (e.g. main's, for a before/after run).
const dist = process.env.BENCH_DIST
  ? pathToFileURL(`${process.env.BENCH_DIST.replace(/\/+$/, '')}/`).href
  : new URL('../../dist/', import.meta.url).href;
const from = (path) => import(new URL(path, dist).href);
const { demoMcpOptions } = await from('src/demo/demo.config.js');
const { NotesModule } = await from('src/demo/notes/notes.module.js');
const { TutorModule } = await from('src/demo/tutor/tutor.module.js');
const { ConjugationService } = await from('src/demo/tutor/conjugation.service.js');
const { PERSONS, TENSES } = await from('src/demo/tutor/verbs.data.js');
const { Args, McpModule, PublicTool, Tool } = await from('src/mcp/index.js');
/** The nest-mcp build under test (`bootstrapStdio` and friends). */
export const nestMcp = await from('src/mcp/index.js');

class ConjugateTool {
  constructor(conjugation) {
    this.conjugation = conjugation;
  }

  conjugate(args) {
    return this.conjugation.conjugate(args.verb, args.tense, args.person);
  }
}
const proto = ConjugateTool.prototype;
Reflect.decorate(
  [
    PublicTool(),
    Tool({
      name: 'conjugate',
      title: 'Conjugate a verb',
      description:
        'Conjugate an English verb in a tense and person, e.g. eat, past_simple, 3sg → "ate".',
      inputSchema: {
        type: 'object',
        properties: {
          verb: { type: 'string', pattern: '^[a-zA-Z]+$', description: 'The verb, e.g. "eat"' },
          tense: { type: 'string', enum: TENSES, description: 'The tense' },
          person: { type: 'string', enum: PERSONS, description: 'Grammatical person' },
        },
        required: ['verb', 'tense', 'person'],
        additionalProperties: false,
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    }),
  ],
  proto,
  'conjugate',
  Object.getOwnPropertyDescriptor(proto, 'conjugate'),
);
Args()(proto, 'conjugate', 0);
Reflect.decorate([Injectable()], ConjugateTool);
Reflect.metadata('design:paramtypes', [ConjugationService])(ConjugateTool);

/** The demo's options; `memory` lifts the per-address stream and session caps and quotas (memory rows). */
export function benchOptions({ memory = false } = {}) {
  const options = demoMcpOptions({ ...process.env, MCP_ANON_LIMIT: String(1e9) });
  // The load generator is one address standing for many clients: its 16 connections would meet
  // the per-address cap on anonymous calls in flight (8) whenever calls overlap (the Redis rows).
  options.concurrency = { ...options.concurrency, callsPerAnonymousAddress: 1e9 };
  // The Redis row: the same app with its state in the bench's redis-server (BENCH_REDIS=1).
  if (process.env.BENCH_REDIS_URL) {
    options.redis = { url: process.env.BENCH_REDIS_URL };
    options.stateSecret = 'bench-state-secret-0123456789abcdef';
  }
  if (memory) {
    options.concurrency = { ...options.concurrency, streamsPerAnonymousAddress: 1e9 };
    // One address holds every session too: past its quota (and the anonymous share) it would
    // get 429 long before the rows have their count.
    options.session = {
      ...options.session,
      maxSessions: 1e9,
      perAnonymousAddress: 1e9,
      anonymousShare: 1,
    };
  }
  return options;
}

/** The root module of nest-mcp's bench servers (HTTP and stdio). */
export function benchAppModule(options = {}) {
  class BenchAppModule {}
  const app = process.env.BENCH_APP === 'demo' ? [TutorModule, NotesModule] : [];
  const providers = process.env.BENCH_APP === 'demo' ? [] : [ConjugationService, ConjugateTool];
  Reflect.decorate(
    [
      Module({
        imports: [McpModule.forRootAsync({ useFactory: () => benchOptions(options) }), ...app],
        providers,
      }),
    ],
    BenchAppModule,
  );
  return BenchAppModule;
}
