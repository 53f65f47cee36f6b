import { McpMessages } from './mcp.messages.js';
import type { McpModuleOptions } from './mcp-options.interface.js';

const positiveInt = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/** Fails boot on options that cannot work, with a message that says the fix. */
export function assertValidOptions(options: McpModuleOptions | undefined): void {
  if (!options?.serverInfo?.name || !options.serverInfo.version)
    throw new Error(McpMessages.missingServerInfo());
  const numbers: [string, unknown][] = [
    ['maxBodyBytes', options.maxBodyBytes],
    ['pageSize', options.pageSize],
    ['session.idleTtlMs', options.session?.idleTtlMs],
    ['session.maxSessions', options.session?.maxSessions],
    ['cacheTtlMs', options.cacheTtlMs],
  ];
  for (const [name, value] of numbers) {
    if (value !== undefined && !positiveInt(value))
      throw new Error(McpMessages.invalidOption(name, 'must be a positive integer'));
  }
  for (const origin of options.allowedOrigins ?? []) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || url.origin !== origin.replace(/\/$/, '')) {
      throw new Error(
        McpMessages.invalidOption(
          'allowedOrigins',
          `contains "${origin}", which is not an origin like https://console.example.com`,
        ),
      );
    }
  }
  if (options.redis && options.stateSecret === undefined)
    throw new Error(McpMessages.redisWithoutStateSecret());
  if (options.redis && !options.redis.url === !options.redis.client)
    throw new Error(McpMessages.invalidOption('redis', 'needs exactly one of url or client'));
  if (options.stateSecret !== undefined && Buffer.byteLength(options.stateSecret) < 32) {
    throw new Error(McpMessages.invalidOption('stateSecret', 'must be at least 32 bytes long'));
  }
}
