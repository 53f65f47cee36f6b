/**
 * Injection token of the Redis backend (`RedisBackend`, or null without the `redis` option).
 * Kept apart so the module can name it without loading the Redis code.
 */
export const MCP_REDIS = Symbol('MCP_REDIS');
