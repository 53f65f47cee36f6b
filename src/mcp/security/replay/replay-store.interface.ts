/**
 * Remembers signature nonces so that each is accepted once. `claim` is atomic: it resolves
 * `true` for the first use of `key` within `ttlMs`, `false` for a replay, and rejects when the
 * store cannot answer (the verifier then fails closed with 503).
 *
 * @example
 * // Redis: SET key 1 NX PX ttl → 'OK' (first use) or null (replay)
 * { provide: ReplayStore, useFactory: (redis) => new RedisReplayStore(redis), inject: [REDIS] }
 */
export interface ReplayStore {
  /** True for the first use of `key` within `ttlMs`, false for a replay (see above). */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/** Injection token of the `ReplayStore` (same-name interface and token). */
export const ReplayStore = Symbol('MCP_REPLAY_STORE');
