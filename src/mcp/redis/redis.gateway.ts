import { createHash } from 'node:crypto';
import { McpLogger } from '../logging/mcp.logger.js';
import { ErrorCode, McpError } from '../protocol/mcp.error.js';
import type { McpRedisClient } from './redis-client.interface.js';
import { RedisMessages } from './redis.messages.js';

/** A Lua script, sent once and then called by its SHA-1 (EVALSHA). */
export class RedisScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }
}

/** Seconds a client is told to wait when the store does not answer. */
export const UNAVAILABLE_RETRY_AFTER = '5';

/** The 503 every Redis failure becomes: fail closed, never a 500, never a hang. */
export function storeUnavailable(): McpError {
  return new McpError(ErrorCode.Unavailable, RedisMessages.unavailable(), undefined, 503, {
    'retry-after': UNAVAILABLE_RETRY_AFTER,
  });
}

/**
 * Every Redis command of the library goes through here: keys get the prefix, a command that
 * fails or does not answer in time becomes a 503 with `Retry-After`.
 */
export class RedisGateway {
  private readonly logger = new McpLogger('McpRedis');
  private lastLogged = 0;
  /** Redis commands sent (benchmarks count round trips with it). */
  commands = 0;

  constructor(
    readonly client: McpRedisClient,
    readonly prefix: string,
    private readonly timeoutMs: number,
  ) {}

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  async call(command: string, ...args: (string | number)[]): Promise<unknown> {
    try {
      return await this.callRaw(command, ...args);
    } catch (error) {
      this.log(error);
      throw storeUnavailable();
    }
  }

  /** Runs a script (EVALSHA; loaded on first use on each server). */
  async script(script: RedisScript, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await this.callRaw('EVALSHA', script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).includes('NOSCRIPT')) {
        this.log(error);
        throw storeUnavailable();
      }
    }
    return this.call('EVAL', script.source, keys.length, ...keys, ...args);
  }

  private async callRaw(command: string, ...args: (string | number)[]): Promise<unknown> {
    this.commands++;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.client.call(command, ...args), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** At most one line every 5 s: an outage must not flood the log. */
  private log(error: unknown): void {
    const now = Date.now();
    if (now - this.lastLogged < 5_000) return;
    this.lastLogged = now;
    this.logger.warn(
      RedisMessages.logFailure(error instanceof Error ? error.message : String(error)),
    );
  }
}
