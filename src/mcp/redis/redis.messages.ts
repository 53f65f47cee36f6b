/** Texts of the Redis integration. */
export const RedisMessages = {
  ioredisMissing: () =>
    'McpModule option `redis` needs the optional peer dependency ioredis: npm install ioredis',
  unavailable: () => 'Service temporarily unavailable: the shared state store does not answer',
  unreachableAtBoot: (why: string) =>
    `McpModule could not reach Redis at startup (${why}). Check the redis.url option or the client you passed, and that Redis is running.`,
  logFailure: (why: string) => `Redis command failed: ${why}`,
} as const;
