import type { ReplayStore } from '../security/replay/replay-store.interface.js';
import { ReplayStoreFullError } from '../security/replay/replay-store-full.error.js';
import { RedisScript, type RedisGateway } from './redis.gateway.js';

/** Nonces one key id may hold unexpired (as the memory store's default: a tenth of 100 000). */
export const REDIS_MAX_NONCES_PER_KEY = 10_000;

// KEYS[1] the nonce, KEYS[2] the key id's live nonces (same hash tag): -1 = that key id is full.
const CLAIM = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return -1 end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2] + ARGV[1], KEYS[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return 1`);

/**
 * Signature nonces in Redis, claimed atomically across every replica; the unexpired nonces of
 * one key id are capped, so one agent cannot grow the store without bound.
 */
export class RedisReplayStore implements ReplayStore {
  constructor(
    private readonly redis: RedisGateway,
    private readonly maxPerKey = REDIS_MAX_NONCES_PER_KEY,
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    // `mcp:rp:<keyid>:<hash>`: the key id's scope is everything before the last `:`.
    const colon = key.lastIndexOf(':');
    const scope = colon > 0 ? key.slice(0, colon) : key;
    const tag = `{${scope}}`;
    const claimed = await this.redis.script(
      CLAIM,
      [this.redis.key('nonce', tag, key), this.redis.key('nonce', tag)],
      [ttlMs, Date.now(), this.maxPerKey],
    );
    if (claimed === -1) throw new ReplayStoreFullError(this.maxPerKey);
    return claimed === 1;
  }
}
