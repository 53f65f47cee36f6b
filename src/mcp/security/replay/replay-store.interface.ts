/**
 * Remembers signature nonces so that each is accepted once. `claim` is atomic: it resolves
 * `true` for the first use of `key` within `ttlMs`, `false` for a replay, and rejects when the
 * store cannot answer (the verifier then fails closed with 503).
 *
 * Keys read `mcp:rp:<keyid>:<sha256(nonce)>`. A bounded store must also cap the entries of
 * one key id (everything before the last `:`), rejecting past it, so one agent cannot fill
 * the store for every other (the memory store keeps a tenth of its cap per key id).
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
