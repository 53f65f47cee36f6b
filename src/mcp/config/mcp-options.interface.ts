import type { Type, VERSION_NEUTRAL } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { McpDocsOptions } from '../ops/docs/docs-options.interface.js';
import type { McpHealthOptions } from '../ops/health/health-options.interface.js';
import type { McpMetricsOptions } from '../ops/metrics/metrics-options.interface.js';
import type { KeyStore } from '../security/keys/key-store.interface.js';
import type { McpOAuthOptions } from '../security/oauth/oauth-options.interface.js';
import type { ReplayStore } from '../security/replay/replay-store.interface.js';
import type { EventStore } from '../session/event-store.interface.js';
import type { MessageBus } from '../bus/message-bus.interface.js';
import type { McpRedisOptions } from '../redis/redis-client.interface.js';
import type { SessionQuotas, SessionStore } from '../session/session-store.interface.js';
import type { TaskStore } from '../tasks/task-store.interface.js';
import type { McpTelemetryOptions } from '../telemetry/telemetry-options.interface.js';

/** An icon as MCP describes it (`src` is an https or data: URI). */
export interface McpIcon {
  src: string;
  mimeType?: string;
  sizes?: string[];
  theme?: 'light' | 'dark';
}

/** What the server says about itself in `initialize` and `server/discover`. */
export interface McpServerInfo {
  name: string;
  version: string;
  title?: string;
  description?: string;
  icons?: McpIcon[];
  websiteUrl?: string;
}

/** Signed agent access (RFC 9421 HTTP Message Signatures, profile `mcp-sig-v1`). */
export interface McpSigningOptions {
  /**
   * Where agent keys come from: `StaticKeyStore.fromConfig([...])`, `.fromFile(path)`, or your own.
   * Lookups are cached (60 s); pass a `CachingKeyStore` yourself to call `invalidate(keyid)` on
   * revocation.
   */
  keys: KeyStore;
  /**
   * The public base URL clients use (`https://api.example.com`): `@target-uri` is built from it
   * plus the path and query as received, never from Host or X-Forwarded-* headers.
   */
  publicBaseUrl: string;
  /** For prefix-rewriting proxies: computes `@target-uri` from the request instead. */
  targetUriResolver?: (req: IncomingMessage) => string;
  /** Nonce store; in-memory by default (one instance only). */
  replayStore?: ReplayStore;
  /** Accept the compact `Authorization: MSign …` form. Default false. */
  acceptMsign?: boolean;
  /** Oldest signature accepted, seconds (default 300). */
  maxAgeSec?: number;
  /** Oldest signature accepted for write tools unless the tool says otherwise (default 60). */
  writeMaxAgeSec?: number;
  /** Clock skew tolerated for `created` in the future, seconds (default 30). */
  futureSkewSec?: number;
  /** Let unsigned callers use public entries (default true); false makes every request sign. */
  allowAnonymous?: boolean;
  /** Answer `Unknown tool` instead of 403 when a principal lacks a tool's scope or role. */
  hideUnauthorizedTools?: boolean;
}

/** One rate rule: `limit` requests per `ttlMs`, optionally blocking for `blockMs` once exceeded. */
export interface McpRateRule {
  limit: number;
  ttlMs: number;
  blockMs?: number;
}

/**
 * @nestjs/throttler's `ThrottlerStorage`, restated so that this library's types never need the
 * optional peer: any throttler storage (its own, a Redis one) fits.
 */
export interface McpThrottlerStorage {
  /** Counts one hit of `key` in its window and says whether the limit is reached. */
  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<{
    totalHits: number;
    timeToExpire: number;
    isBlocked: boolean;
    timeToBlockExpire: number;
  }>;
}

/** Rate limits, kept in @nestjs/throttler's storage (in memory, or any ThrottlerStorage). */
export interface McpRateLimitOptions {
  /** Storage implementing @nestjs/throttler's `ThrottlerStorage` (e.g. a Redis one). */
  storage?: McpThrottlerStorage;
  /** Every request of one client address, counted before authentication. */
  perAddress?: McpRateRule;
  /** Unsigned requests per client address. */
  anonymous?: McpRateRule;
  /** Authenticated requests (signed agents, token holders) per principal, across all of its keys. */
  perPrincipal?: McpRateRule;
  /**
   * Failed signature verifications per client address (bad, unknown-key, expired, replayed).
   * Past the limit the address gets 429 for `blockMs`, signed or not, before any key lookup.
   * Default `{ limit: 30, ttlMs: 60_000, blockMs: 60_000 }`; `false` turns it off.
   */
  failedAuth?: McpRateRule | false;
  /** Enables per-tool limits declared with `@Tool({ rateLimit })` or `@Throttle()` (default true when any is declared). */
  tools?: boolean;
  /** IPv6 clients are grouped by this prefix length (default 64). */
  ipv6SubnetBits?: number;
}

/** Options of {@link McpModule.forRoot} / `forRootAsync`. */
export interface McpModuleOptions {
  serverInfo: McpServerInfo;
  /** Free text sent to clients on `initialize` / `server/discover`. */
  instructions?: string;
  /**
   * Origins allowed to reach the endpoint from a browser (`scheme://host[:port]`, exact match).
   * A request without `Origin` (a non-browser agent) is always allowed through this check.
   */
  allowedOrigins?: string[];
  /**
   * Host header values allowed (`host[:port]`). Default: loopback names on the bound port,
   * which stops DNS rebinding against a server bound to 127.0.0.1.
   */
  allowedHosts?: string[];
  /**
   * Largest request body accepted, in bytes. Default 1 MiB. Larger bodies get 413 (the rest
   * of the body is read and discarded up to 8 MiB so clients can read it, then the
   * connection closes).
   */
  maxBodyBytes?: number;
  /**
   * Session-era sessions: idle time before expiry (ms, default 30 min), how many may live at
   * once (default 10 000), and quotas so no one party fills that cap: per anonymous address
   * (default 100), per agent (default 1000), and the share all anonymous sessions may take
   * together (default 0.5). Past a quota, `initialize` gets 429.
   */
  session?: { idleTtlMs?: number; maxSessions?: number } & Partial<SessionQuotas>;
  /** Items per page of `tools/list` and the other list methods. Default 100. */
  pageSize?: number;
  /** SSE tuning: heartbeat comment interval and the `retry` hint sent in the priming event. */
  sse?: {
    heartbeatMs?: number;
    retryMs?: number;
    maxBufferedBytes?: number;
    maxLifetimeMs?: number;
    /** How long a finished request stream's events stay resumable (default 60 s). */
    finishedStreamGraceMs?: number;
  };
  /** Offer the GET stream of the session era (default true). */
  enableGetStream?: boolean;
  /**
   * Secret that seals stateless-era `requestState` (HMAC). Replicas must share it; without it
   * each process uses a random key, so retries must reach the same process.
   */
  stateSecret?: string;
  /** `ttlMs` advertised on cacheable stateless-era results (default 60 s). */
  cacheTtlMs?: number;
  /** Signed agent access. Without it every caller is anonymous and only public entries answer. */
  signing?: McpSigningOptions;
  /** OAuth 2.1 bearer tokens (the MCP authorization spec), beside or instead of `signing`. */
  oauth?: McpOAuthOptions;
  /**
   * Log lines as JSON objects (`{ message, requestId, sessionId }`); pair with Nest's
   * `ConsoleLogger({ json: true })`. `accessLog: true` logs one line per MCP request (method,
   * target, outcome, duration; in JSON mode as fields too). Default off.
   */
  logging?: { json?: boolean; accessLog?: boolean };
  /** OpenTelemetry spans and metrics by the MCP conventions (needs `@opentelemetry/api`). */
  telemetry?: McpTelemetryOptions;
  /**
   * Caps on what one client holds open at once (429 beyond): SSE streams per agent (default 10)
   * and per anonymous address (5), `tools/call` requests in flight per agent (8) and per
   * anonymous address (8). A task-augmented call holds its slot until its handler ends.
   */
  concurrency?: {
    streamsPerAgent?: number;
    streamsPerAnonymousAddress?: number;
    callsPerAgent?: number;
    callsPerAnonymousAddress?: number;
  };
  /**
   * Graceful shutdown (SIGTERM with `app.enableShutdownHooks()`): readiness turns 503, new
   * MCP requests get 503, calls in flight may finish for `drainTimeoutMs` (default 10 s),
   * then SSE streams end with a `retry:` hint.
   */
  shutdown?: { drainTimeoutMs?: number };
  /** Rate limits (429 with `Retry-After`). None by default. */
  rateLimit?: McpRateLimitOptions;
  /** Replace the in-memory stores (e.g. with Redis ones, so replicas share state). */
  stores?: { sessions?: SessionStore; events?: EventStore; bus?: MessageBus };
  /**
   * Tasks (tools declaring `execution.taskSupport`): where they are kept (in memory by
   * default), how long after creation (default 1 h), the poll interval suggested to clients
   * (default 500 ms) and how many the in-memory store holds (default 10 000).
   */
  tasks?: { store?: TaskStore; ttlMs?: number; pollIntervalMs?: number; maxTasks?: number };
  /** How long a server→client request waits for the client's answer (default 5 min). */
  clientRequestTimeoutMs?: number;
  /**
   * Run several replicas as one server: sessions, recorded streams, signature nonces, rate
   * limits, tasks and the message bus live in Redis (needs the optional peer `ioredis` and a
   * shared `stateSecret`). `{ url: 'redis://…' }`, or `{ client }` for a client you built.
   */
  redis?: McpRedisOptions;
}

/** A route version as Nest's `@Version()` takes it (`'1'`, `['1', '2']`, `VERSION_NEUTRAL`). */
export type McpRouteVersion = string | typeof VERSION_NEUTRAL | (string | typeof VERSION_NEUTRAL)[];

/** Extras fixed at import time: they shape routes, so they cannot come from an async factory. */
export interface McpModuleExtras {
  /**
   * Name of this server, for apps that serve several (`@InjectMcpRegistry(name)`, metrics label
   * `server`, `bootstrapStdio(..., { server })`). Default `'default'`: that server keeps the plain
   * `McpRegistry`/`McpNotifier` injection. A named server also needs its own `path`; its legacy
   * SSE pair and metrics move under that path, and it serves `<path>/health` only.
   */
  name?: string;
  /**
   * The modules whose tools, resources and prompts this server serves (their own providers, not
   * those of modules they import), as `include` in @nestjs/swagger and @nestjs/graphql. Without
   * it a server serves every module that no other server includes.
   */
  include?: Type[];
  /**
   * The URI version of this library's routes when the app calls `enableVersioning()`; default:
   * the app's `defaultVersion`. `VERSION_NEUTRAL` keeps `/mcp` unversioned in a versioned app.
   */
  version?: McpRouteVersion;
  /** Path of the Streamable HTTP endpoint, relative to the app's global prefix. Default `mcp`. */
  path?: string;
  /**
   * The legacy HTTP+SSE transport of 2024-11-05 (`GET /sse` + `POST /messages`), for older
   * clients. On by default; `false` turns it off.
   */
  legacySse?: { ssePath?: string; messagesPath?: string } | false;
  /** Make the module's providers available app-wide (default true: tools live in any module). */
  isGlobal?: boolean;
  /** Health endpoints: `/health`, `/health/ready`, `<path>/health` (terminus-shaped); `false` removes them. */
  health?: McpHealthOptions | false;
  /** Generated documentation: `<path>/docs.json` and the page `<path>/docs`; `false` removes them. */
  docs?: McpDocsOptions | false;
  /** Prometheus metrics at `/metrics` (needs the optional peer prom-client); `false` removes the endpoint. */
  metrics?: McpMetricsOptions | false;
}
