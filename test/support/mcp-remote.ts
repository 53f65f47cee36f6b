import {
  getDefaultEnvironment,
  type StdioServerParameters,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { createRequire } from 'node:module';

/** mcp-remote's stdio proxy (its `mcp-remote` bin). */
export const MCP_REMOTE_PROXY = createRequire(import.meta.url).resolve('mcp-remote/dist/proxy.js');

/**
 * How a stdio client launches `mcp-remote` in front of `url`. `http-only` keeps it on Streamable
 * HTTP (no fallback to the legacy transport); `configDir` replaces `~/.mcp-auth` so no run reads or
 * leaves state in the home directory. The environment is the SDK's minimal default (no proxy
 * variables), so it connects straight to the loopback URL it is given.
 */
export function mcpRemoteServer(
  url: string,
  configDir: string,
  extraArgs: string[] = [],
): StdioServerParameters {
  return {
    command: process.execPath,
    args: [
      MCP_REMOTE_PROXY,
      url,
      '--transport',
      'http-only',
      '--connect-timeout',
      '5',
      ...extraArgs,
    ],
    env: { ...getDefaultEnvironment(), MCP_REMOTE_CONFIG_DIR: configDir },
    stderr: 'pipe',
  };
}
