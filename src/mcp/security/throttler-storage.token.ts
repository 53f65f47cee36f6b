/**
 * Injection token of the rate limiter's shared storage: Redis when the module runs on it,
 * absent otherwise (the limiter then counts in memory). A port here, so the limiter never
 * imports the Redis layer that fills it.
 */
export const MCP_THROTTLER_STORAGE = Symbol('MCP_THROTTLER_STORAGE');
