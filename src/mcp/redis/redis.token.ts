/**
 * Injection token of the Redis backend (`RedisBackend`, or null without the `redis` option).
 * Kept apart so the module can name it without loading the Redis code.
 */
export const MCP_REDIS = Symbol('MCP_REDIS');

/** Injection token of the rate limiter's storage (Redis when configured, else in memory). */
export const MCP_THROTTLER_STORAGE = Symbol('MCP_THROTTLER_STORAGE');
