import type { InjectionToken, Provider, Type } from '@nestjs/common';
import { resolveMcpPath } from '../config/routes.settings.js';
import type { McpModuleExtras } from '../config/mcp-options.interface.js';
import { DEFAULT_MCP_SERVER, getMcpServerToken } from './mcp-server.tokens.js';

/**
 * What one registration exports: the default server its providers under their own tokens; a
 * named server aliases only (`getMcpServerToken(Class, name)`), since two servers' class
 * tokens would clash app-wide.
 */
export function serverExports(
  name: string,
  tokens: (Type | symbol)[],
): { aliases: Provider[]; exports: InjectionToken[] } {
  if (name === DEFAULT_MCP_SERVER) return { aliases: [], exports: tokens };
  return {
    aliases: tokens.map((token) => ({
      provide: getMcpServerToken(token, name),
      useExisting: token,
    })),
    exports: tokens.map((token) => getMcpServerToken(token, name)),
  };
}

/**
 * A named server keeps its routes under its own path, so it never collides with the default
 * server's app-wide ones: legacy SSE at `<path>/sse` + `<path>/messages`, metrics at
 * `<path>/metrics`, health at `<path>/health` only (app-wide probe paths only when given).
 * Anything given explicitly wins.
 */
export function namedServerDefaults(extras: McpModuleExtras): McpModuleExtras {
  if ((extras.name ?? DEFAULT_MCP_SERVER) === DEFAULT_MCP_SERVER) return extras;
  const path = resolveMcpPath(extras);
  return {
    ...extras,
    legacySse:
      extras.legacySse === false
        ? false
        : { ssePath: `${path}/sse`, messagesPath: `${path}/messages`, ...extras.legacySse },
    health: extras.health === false ? false : { path: false, readyPath: false, ...extras.health },
    metrics: extras.metrics ?? { path: `${path}/metrics` },
  };
}
