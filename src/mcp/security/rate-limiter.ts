import { Inject, Injectable, Optional } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type {
  McpModuleOptions,
  McpRateRule,
  McpThrottlerStorage,
} from '../config/mcp-options.interface.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import { MemoryThrottlerStorage } from './memory-throttler.storage.js';
import { MCP_THROTTLER_STORAGE } from './throttler-storage.token.js';
import type { McpPrincipal } from './principal.interface.js';
import { principalKey } from './principal.key.js';
import { clientAddress, type ClientKey } from './client-key.js';

/** Failed verifications one address may make per minute before it is blocked for a minute. */
const DEFAULT_FAILED_AUTH: McpRateRule = { limit: 30, ttlMs: 60_000, blockMs: 60_000 };
const MAX_BLOCKED_ADDRESSES = 10_000;

/**
 * Rate limits on @nestjs/throttler's storage interface (a fixed-window memory storage by
 * default, or any throttler storage such as a Redis one). The library never registers ThrottlerModule or a
 * global guard, so it lives beside the host's own throttling.
 */
@Injectable()
export class McpRateLimiter {
  private readonly storage: McpThrottlerStorage;
  private limitedListener?: (scope: 'address' | 'principal' | 'tool') => void;
  private readonly failedAuthRule?: McpRateRule;
  /** Addresses refused until a time, after too many failed verifications. */
  private readonly blocked = new Map<string, number>();

  constructor(
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    /** The shared storage when the module runs on Redis. */
    @Optional() @Inject(MCP_THROTTLER_STORAGE) shared?: McpThrottlerStorage | null,
  ) {
    this.storage = options.rateLimit?.storage ?? shared ?? new MemoryThrottlerStorage();
    const failedAuth = options.rateLimit?.failedAuth;
    this.failedAuthRule = failedAuth === false ? undefined : (failedAuth ?? DEFAULT_FAILED_AUTH);
  }

  /** Called whenever a request is refused (metrics). */
  onLimited(listener: (scope: 'address' | 'principal' | 'tool') => void): void {
    this.limitedListener = listener;
  }

  /**
   * Before authentication: an address blocked for failed verifications is refused at once
   * (no key lookup), and every request of an address counts against `perAddress`.
   */
  async preAuth(req: IncomingMessage): Promise<void> {
    if (this.failedAuthRule) {
      const until = this.blocked.get(clientAddress(req, this.options.rateLimit?.ipv6SubnetBits));
      if (until !== undefined && until > Date.now())
        throw limited(Math.ceil((until - Date.now()) / 1000));
    }
    const rule = this.options.rateLimit?.perAddress;
    if (rule)
      await this.hit(
        `addr:${clientAddress(req, this.options.rateLimit?.ipv6SubnetBits)}`,
        rule,
        'mcp-address',
      );
  }

  /** After authentication: anonymous callers per address, agents and token holders per principal. */
  async principal(req: IncomingMessage, principal: McpPrincipal): Promise<void> {
    const limits = this.options.rateLimit;
    if (principal.kind === 'anonymous' && limits?.anonymous) {
      await this.hit(
        `anon:${clientAddress(req, limits.ipv6SubnetBits)}`,
        limits.anonymous,
        'mcp-anonymous',
      );
    } else if (principal.kind !== 'local' && limits?.perPrincipal) {
      await this.hit(`principal:${principalKey(principal)}`, limits.perPrincipal, 'mcp-principal');
    }
  }

  /**
   * A failed signature verification from this request's address: counted (in the shared
   * storage); past the limit the address is blocked here for `blockMs` and the 429 returned.
   */
  async authFailed(req: IncomingMessage): Promise<McpError | undefined> {
    const rule = this.failedAuthRule;
    if (!rule) return undefined;
    const address = clientAddress(req, this.options.rateLimit?.ipv6SubnetBits);
    try {
      await this.hit(`authfail:${address}`, rule, 'mcp-auth-failures');
      return undefined;
    } catch (error) {
      const e = error as McpError;
      if (e.httpStatus === 429) {
        this.block(address, Date.now() + (rule.blockMs ?? rule.ttlMs));
      }
      return e;
    }
  }

  /** Per tool: only registered tools get buckets, so random names cannot grow the storage. */
  async tool(name: string, rule: McpRateRule | undefined, clientKey: ClientKey): Promise<void> {
    if (rule && this.options.rateLimit?.tools !== false)
      await this.hit(`tool:${name}:${clientKey.value}`, rule, 'mcp-tool');
  }

  /** Blocked addresses of this process, bounded (the oldest entry makes room). */
  private block(address: string, until: number): void {
    this.blocked.delete(address);
    if (this.blocked.size >= MAX_BLOCKED_ADDRESSES) {
      const now = Date.now();
      for (const [key, end] of this.blocked) if (end <= now) this.blocked.delete(key);
      if (this.blocked.size >= MAX_BLOCKED_ADDRESSES)
        this.blocked.delete(this.blocked.keys().next().value!);
    }
    this.blocked.set(address, until);
  }

  private async hit(key: string, rule: McpRateRule, name: string): Promise<void> {
    let record: Awaited<ReturnType<McpThrottlerStorage['increment']>>;
    try {
      record = await this.storage.increment(key, rule.ttlMs, rule.limit, rule.blockMs ?? 0, name);
    } catch {
      // The storage is down: refuse (fail closed) rather than let traffic through unlimited.
      throw new McpError(ErrorCode.Unavailable, 'Service temporarily unavailable', undefined, 503, {
        'retry-after': '5',
      });
    }
    if (record.totalHits <= rule.limit && !record.isBlocked) return;
    this.limitedListener?.(
      name === 'mcp-tool' ? 'tool' : name === 'mcp-principal' ? 'principal' : 'address',
    );
    const retryAfter = Math.max(
      1,
      Math.ceil(record.isBlocked ? record.timeToBlockExpire : record.timeToExpire),
    );
    throw limited(retryAfter);
  }
}

function limited(retryAfter: number): McpError {
  const seconds = Math.max(1, retryAfter);
  return new McpError(ErrorCode.RateLimited, 'Too Many Requests', { retryAfter: seconds }, 429, {
    'retry-after': String(seconds),
  });
}
