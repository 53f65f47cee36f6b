import type { Type } from '@nestjs/common';
import type { EventStore } from './session/event-store.interface.js';
import type { SessionStore } from './session/session-store.interface.js';

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
  /** Largest request body accepted, in bytes. Default 4 MiB. */
  maxBodyBytes?: number;
  /** Session-era sessions: idle time before expiry (ms, default 30 min) and how many may live at once. */
  session?: { idleTtlMs?: number; maxSessions?: number };
  /** Items per page of `tools/list` and the other list methods. Default 100. */
  pageSize?: number;
  /** SSE tuning: heartbeat comment interval and the `retry` hint sent in the priming event. */
  sse?: { heartbeatMs?: number; retryMs?: number; maxBufferedBytes?: number };
  /** Offer the GET stream of the session era (default true). */
  enableGetStream?: boolean;
  /**
   * Secret that seals stateless-era `requestState` (HMAC). Replicas must share it; without it
   * each process uses a random key, so retries must reach the same process.
   */
  stateSecret?: string;
  /** `ttlMs` advertised on cacheable stateless-era results (default 60 s). */
  cacheTtlMs?: number;
  /** Replace the in-memory stores (e.g. with Redis ones, so replicas share state). */
  stores?: { sessions?: SessionStore; events?: EventStore };
  /** How long a server→client request waits for the client's answer (default 5 min). */
  clientRequestTimeoutMs?: number;
}

/** Extras fixed at import time: they shape routes, so they cannot come from an async factory. */
export interface McpModuleExtras {
  /** Path of the Streamable HTTP endpoint, relative to the app's global prefix. Default `mcp`. */
  path?: string;
  /**
   * The legacy HTTP+SSE transport of 2024-11-05 (`GET /sse` + `POST /messages`), for older
   * clients. On by default; `false` turns it off.
   */
  legacySse?: { ssePath?: string; messagesPath?: string } | false;
  /** Make the module's providers available app-wide (default true: tools live in any module). */
  isGlobal?: boolean;
}

/** A provider class, for option fields that accept injectables. */
export type McpProviderClass<T> = Type<T>;
