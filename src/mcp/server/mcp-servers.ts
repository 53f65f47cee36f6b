import type { Type } from '@nestjs/common';
import type { ModulesContainer } from '@nestjs/core';
import { MCP_MODULE_EXTRAS } from '../config/mcp.constants.js';
import { McpMessages } from '../config/mcp.messages.js';
import type { McpModuleExtras } from '../config/mcp-options.interface.js';
import { resolveOpsSettings } from '../config/routes.settings.js';
import { DEFAULT_MCP_SERVER } from './mcp-server.tokens.js';

/** A Nest module of the app (the container's own type, without a deep import). */
export type NestModuleRef = NonNullable<ReturnType<ModulesContainer['get']>>;

/** One `McpModule` registration of the app. */
export interface McpServerEntry {
  name: string;
  /** The registration's resolved import-time extras. */
  extras: McpModuleExtras;
  module: NestModuleRef;
}

/** Every MCP server of the app: the modules holding the extras provider `McpModule` adds. */
export function listMcpServers(modules: ModulesContainer): McpServerEntry[] {
  const servers: McpServerEntry[] = [];
  for (const module of modules.values()) {
    const wrapper = module.providers.get(MCP_MODULE_EXTRAS);
    if (!wrapper) continue;
    const extras = wrapper.instance as McpModuleExtras;
    servers.push({ name: extras.name ?? DEFAULT_MCP_SERVER, extras, module });
  }
  return servers;
}

/**
 * Modules whose providers a server without `include` must not see: those another server
 * includes explicitly (an admin server's tools never leak into the public one).
 */
export function modulesClaimedByOthers(servers: McpServerEntry[], self: string): Set<Type> {
  const claimed = new Set<Type>();
  for (const server of servers)
    if (server.name !== self) for (const m of server.extras.include ?? []) claimed.add(m);
  return claimed;
}

/** Every route path a registration serves (before prefixes), for collision checks. */
function routesOf(extras: McpModuleExtras): string[] {
  const ops = resolveOpsSettings(extras);
  return [
    ops.mcpPath,
    ops.legacySse?.ssePath,
    ops.legacySse?.messagesPath,
    ops.health?.livePath,
    ops.health?.readyPath,
    ops.health?.endpointPath,
    ops.docs?.jsonPath,
    ops.docs?.pagePath,
    ops.metrics?.path,
  ].filter((p): p is string => p !== undefined);
}

/** Fails boot when two registrations share a name or a route, saying how to tell them apart. */
export function assertDistinctServers(servers: McpServerEntry[]): void {
  const names = new Map<string, McpServerEntry>();
  const routes = new Map<string, string>();
  for (const server of servers) {
    if (names.has(server.name))
      throw new Error(McpMessages.duplicateRegistration(`the name "${server.name}"`));
    names.set(server.name, server);
    for (const route of routesOf(server.extras)) {
      const key = route.toLowerCase();
      const owner = routes.get(key);
      if (owner !== undefined)
        throw new Error(
          McpMessages.duplicateRegistration(
            `the route ${route} (servers "${owner}" and "${server.name}")`,
          ),
        );
      routes.set(key, server.name);
    }
  }
}
