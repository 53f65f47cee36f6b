import type { McpModuleOptions } from '../mcp/index.js';

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

type ReplicaOptions = Pick<
  McpModuleOptions,
  'allowedHosts' | 'allowedOrigins' | 'redis' | 'stateSecret'
>;

/**
 * Settings for running behind a balancer, read from the environment (the demo and the
 * conformance fixture share them):
 * - `MCP_PUBLIC_URL`: its host and origin are allowed as `Host`/`Origin`, besides loopback on
 *   the bound port;
 * - `MCP_REDIS_URL`: sessions, streams, nonces, limits, tasks and the bus in Redis;
 * - `MCP_STATE_SECRET`: the requestState secret every replica shares.
 */
export function replicaOptions(env: NodeJS.ProcessEnv, port: number): ReplicaOptions {
  const options: ReplicaOptions = {};
  const url = env.MCP_PUBLIC_URL ? new URL(env.MCP_PUBLIC_URL) : undefined;
  // A loopback public URL with no PORT given (an app listening on an ephemeral port in a test)
  // keeps the default: loopback on whatever port is bound.
  const loopbackOnly = url && LOOPBACK.includes(url.hostname) && env.PORT === undefined;
  if (url && !loopbackOnly) {
    const loopback = LOOPBACK;
    options.allowedHosts = [...loopback.map((name) => `${name}:${port}`), url.host];
    options.allowedOrigins = [...loopback.map((name) => `http://${name}:${port}`), url.origin];
  }
  if (env.MCP_STATE_SECRET) options.stateSecret = env.MCP_STATE_SECRET;
  if (env.MCP_REDIS_URL) options.redis = { url: env.MCP_REDIS_URL };
  return options;
}
