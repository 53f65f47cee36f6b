// The HTTP servers the session-era and stateless-era rows compare. Adding a row (a Redis-backed
// nest-mcp, say) is one entry here: `file` is a bench server (see servers/child.mjs), `env` its
// settings, `scenarios` the eras it serves, `needs` the bench-only packages it loads.
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(`../servers/${file}`, import.meta.url));
const peer = (file) => fileURLToPath(new URL(`../peers/${file}`, import.meta.url));

export const HTTP_SERVERS = [
  {
    key: 'bare-express',
    label: 'bare Nest controller (Express)',
    file: here('bare-nest.server.mjs'),
    env: { BENCH_ADAPTER: 'express' },
  },
  {
    key: 'nest-mcp-express',
    label: 'nest-mcp (Express)',
    file: here('nest-mcp.server.mjs'),
    env: { BENCH_ADAPTER: 'express' },
  },
  {
    key: 'bare-fastify',
    label: 'bare Nest controller (Fastify)',
    file: here('bare-nest.server.mjs'),
    env: { BENCH_ADAPTER: 'fastify' },
  },
  {
    key: 'nest-mcp-fastify',
    label: 'nest-mcp (Fastify)',
    file: here('nest-mcp.server.mjs'),
    env: { BENCH_ADAPTER: 'fastify' },
  },
  {
    key: 'nest-mcp-demo-fastify',
    label: 'nest-mcp demo app, DTOs (Fastify)',
    file: here('nest-mcp.server.mjs'),
    env: { BENCH_ADAPTER: 'fastify', BENCH_APP: 'demo' },
  },
  {
    key: 'sdk',
    label: 'official SDK 1.x (node:http)',
    file: here('sdk.server.mjs'),
    // SDK 1.x knows no 2026-07-28: its stateless mode, sent the newest version it accepts.
    statelessHeaderVersion: '2025-11-25',
  },
  {
    key: 'rekog',
    label: '@rekog/mcp-nest 2.x (Express)',
    file: peer('rekog.server.mjs'),
    needs: ['@rekog/mcp-nest'],
  },
  {
    key: 'fastmcp',
    label: 'fastmcp (stateful)',
    file: peer('fastmcp.server.mjs'),
    scenarios: ['session'],
    needs: ['fastmcp'],
  },
  {
    key: 'fastmcp-stateless',
    label: 'fastmcp (stateless mode)',
    file: peer('fastmcp.server.mjs'),
    env: { BENCH_STATELESS: '1' },
    scenarios: ['stateless'],
    statelessHeaderVersion: '2025-11-25',
    needs: ['fastmcp'],
  },
];

// BENCH_BEFORE_DIST=/path/to/other/dist adds nest-mcp rows served by that build (main's, say),
// measured in the same alternating rounds: a before/after comparison under the same noise.
if (process.env.BENCH_BEFORE_DIST)
  for (const adapter of ['Express', 'Fastify']) {
    const ours = HTTP_SERVERS.find((s) => s.key === `nest-mcp-${adapter.toLowerCase()}`);
    HTTP_SERVERS.splice(HTTP_SERVERS.indexOf(ours), 0, {
      ...ours,
      key: `${ours.key}-before`,
      label: `${ours.label.replace('nest-mcp', 'nest-mcp BEFORE')}`,
      env: { ...ours.env, BENCH_DIST: process.env.BENCH_BEFORE_DIST },
    });
  }

/** Ratios with the targets (server CPU per call, lower is better). */
export const HTTP_RATIOS = [
  { ours: 'nest-mcp-fastify', base: 'bare-fastify', target: 1.5 },
  { ours: 'nest-mcp-express', base: 'bare-express', target: 1.0 },
  { ours: 'nest-mcp-fastify-before', base: 'bare-fastify' },
  { ours: 'nest-mcp-express-before', base: 'bare-express' },
  { ours: 'nest-mcp-fastify', base: 'sdk' },
  { ours: 'nest-mcp-fastify', base: 'rekog' },
  { ours: 'nest-mcp-fastify', base: 'fastmcp' },
  { ours: 'nest-mcp-fastify', base: 'fastmcp-stateless' },
];
