import { Inject, Injectable } from '@nestjs/common';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import type { ClientKey } from './client-key.js';

const DEFAULTS = {
  streamsPerAgent: 10,
  streamsPerAnonymousAddress: 5,
  callsPerAgent: 8,
  callsPerAnonymousAddress: 8,
};
const RETRY_AFTER_SEC = 1;

/**
 * Caps what one client may hold open at once (README, Hardening: "Quotas"): SSE streams per agent and per
 * anonymous address, and `tools/call` requests in flight per agent. Counts live in this process.
 */
@Injectable()
export class ConcurrencyLimiter {
  private readonly open = new Map<string, number>();
  private readonly limits: typeof DEFAULTS;

  constructor(@Inject(MCP_MODULE_OPTIONS) options: McpModuleOptions) {
    this.limits = { ...DEFAULTS, ...options.concurrency };
  }

  /** Reserves an SSE stream for a client; returns its release. The local (stdio) user is not capped. */
  stream(client: ClientKey): () => void {
    if (client.kind === 'local') return () => undefined;
    const limit =
      client.kind === 'anonymous'
        ? this.limits.streamsPerAnonymousAddress
        : this.limits.streamsPerAgent;
    return this.acquire(`stream\u0000${client.value}`, limit);
  }

  /**
   * Reserves a tool call in flight for an agent or an anonymous address; the local (stdio)
   * user is not capped. Release when the handler ends (for a task: when its run settles).
   */
  call(client: ClientKey): () => void {
    if (client.kind === 'local') return () => undefined;
    const limit =
      client.kind === 'anonymous'
        ? this.limits.callsPerAnonymousAddress
        : this.limits.callsPerAgent;
    return this.acquire(`call\u0000${client.value}`, limit);
  }

  private acquire(key: string, limit: number): () => void {
    const count = this.open.get(key) ?? 0;
    if (count >= limit) {
      throw new McpError(
        ErrorCode.RateLimited,
        'Too Many Requests: too many open at once',
        { retryAfter: RETRY_AFTER_SEC },
        429,
        {
          'retry-after': String(RETRY_AFTER_SEC),
        },
      );
    }
    this.open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left <= 0) this.open.delete(key);
      else this.open.set(key, left);
    };
  }
}
