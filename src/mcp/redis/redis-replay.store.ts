import type { ReplayStore } from '../security/replay/replay-store.interface.js';
import type { RedisGateway } from './redis.gateway.js';

/** Signature nonces in Redis: `SET NX PX` claims each one atomically across every replica. */
export class RedisReplayStore implements ReplayStore {
  constructor(private readonly redis: RedisGateway) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const ok = await this.redis.call('SET', this.redis.key('nonce', key), '1', 'NX', 'PX', ttlMs);
    return ok === 'OK';
  }
}
