import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_SSE_BUFFER_BYTES,
  DEFAULT_SSE_MAX_LIFETIME_MS,
  DEFAULT_SSE_HEARTBEAT_MS,
  DEFAULT_SSE_RETRY_MS,
  DEFAULT_FINISHED_STREAM_GRACE_MS,
  DEFAULT_SESSION_IDLE_TTL_MS,
} from '../../config/mcp.constants.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { normaliseHost } from './http-checks.js';
import type { SseOptions } from './sse.connection.js';

/** Injection token of the {@link HttpSettings}, resolved once per registration. */
export const HTTP_SETTINGS = Symbol('HTTP_SETTINGS');

/** Options resolved once at boot into what the HTTP hot path reads. */
export interface HttpSettings {
  maxBodyBytes: number;
  allowedHosts?: ReadonlySet<string>;
  allowedOrigins?: ReadonlySet<string>;
  sse: SseOptions;
  getStream: boolean;
  replyTimeoutMs: number;
  /** How long a finished request stream's events stay resumable. */
  finishedStreamGraceMs: number;
  /** How often a session with a call or stream in progress is marked as seen. */
  sessionKeepAliveMs: number;
}

export function resolveHttpSettings(options: McpModuleOptions): HttpSettings {
  return {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    allowedHosts:
      options.allowedHosts && new Set(options.allowedHosts.map((h) => normaliseHost(h, 80))),
    allowedOrigins:
      options.allowedOrigins && new Set(options.allowedOrigins.map((o) => new URL(o).origin)),
    sse: {
      heartbeatMs: options.sse?.heartbeatMs ?? DEFAULT_SSE_HEARTBEAT_MS,
      retryMs: options.sse?.retryMs ?? DEFAULT_SSE_RETRY_MS,
      maxBufferedBytes: options.sse?.maxBufferedBytes ?? DEFAULT_MAX_SSE_BUFFER_BYTES,
      maxLifetimeMs: options.sse?.maxLifetimeMs ?? DEFAULT_SSE_MAX_LIFETIME_MS,
    },
    getStream: options.enableGetStream ?? true,
    replyTimeoutMs: options.clientRequestTimeoutMs ?? 5 * 60_000,
    // A third of the idle TTL: a long call or an open stream never lets its session expire.
    sessionKeepAliveMs: Math.min(
      60_000,
      Math.max(100, Math.floor((options.session?.idleTtlMs ?? DEFAULT_SESSION_IDLE_TTL_MS) / 3)),
    ),
    finishedStreamGraceMs: options.sse?.finishedStreamGraceMs ?? DEFAULT_FINISHED_STREAM_GRACE_MS,
  };
}
