import type { McpThrottlerStorage } from '../config/mcp-options.interface.js';
import { RedisScript, type RedisGateway } from './redis.gateway.js';

// A fixed window per key, as the in-memory storage: INCR, expiry set on the first hit, and a
// block key once over the limit. Atomic, so the count is exact across replicas.
const HIT = new RedisScript(`
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blocked}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
if hits > tonumber(ARGV[2]) and tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}`);

const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

/** @nestjs/throttler's storage interface on Redis: limits hold exactly across replicas. */
export class RedisThrottlerStorage implements McpThrottlerStorage {
  constructor(private readonly redis: RedisGateway) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ) {
    const base = this.redis.key(`rl:{${throttlerName}:${key}}`);
    const [hits, ttlMs, blocked, blockMs] = (await this.redis.script(
      HIT,
      [base, `${base}:block`],
      [ttl, limit, blockDuration],
    )) as number[];
    return {
      totalHits: hits,
      timeToExpire: seconds(ttlMs),
      isBlocked: blocked === 1,
      timeToBlockExpire: blocked === 1 ? seconds(blockMs) : 0,
    };
  }
}
