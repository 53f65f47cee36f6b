import type { InjectionToken, Type } from '@nestjs/common';

/** The name of the server registered without `name` (it keeps the plain class tokens). */
export const DEFAULT_MCP_SERVER = 'default';

/**
 * The injection token of one server's provider: the class itself for the default server, a
 * global symbol (`nest-mcp:<server>:<Class>`) for a named one, so two copies of the library
 * agree on it.
 * @example
 * app.get(getMcpServerToken(McpDocs, 'admin'));
 */
export function getMcpServerToken<T>(
  provider: Type<T> | symbol,
  server: string = DEFAULT_MCP_SERVER,
): InjectionToken<T> {
  if (server === DEFAULT_MCP_SERVER) return provider;
  const name = typeof provider === 'symbol' ? provider.description : provider.name;
  return Symbol.for(`nest-mcp:${server}:${name}`);
}
