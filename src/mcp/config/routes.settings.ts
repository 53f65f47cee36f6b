import type { McpDocsOptions } from '../ops/docs/docs-options.interface.js';
import type { McpHealthOptions } from '../ops/health/health-options.interface.js';
import type { McpMetricsOptions } from '../ops/metrics/metrics-options.interface.js';
import type { McpModuleExtras } from './mcp-options.interface.js';
import { joinPath } from './route-paths.js';

/** Health options resolved once, at import time (they shape routes). */
export interface HealthSettings {
  /** Route of the liveness check, or undefined when disabled. */
  livePath?: string;
  readyPath?: string;
  /** `<mcp endpoint>/health`, or undefined when disabled. */
  endpointPath?: string;
  gracefulShutdownTimeoutMs: number;
}

/** Routes of the documentation, resolved at import time. */
export interface DocsSettings {
  jsonPath: string;
  pagePath: string;
}

/** Route of the scrape endpoint, resolved at import time. */
export interface MetricsSettings {
  path: string;
}

/**
 * Every route this registration serves, resolved once from the import-time extras (the only
 * place path defaults live); undefined members are disabled.
 */
export interface OpsSettings {
  /** The MCP endpoint, e.g. `/mcp` (before any global prefix). */
  mcpPath: string;
  health?: HealthSettings;
  docs?: DocsSettings;
  metrics?: MetricsSettings;
  /** The legacy HTTP+SSE transport's routes (as the module resolves them), when on. */
  legacySse?: { ssePath: string; messagesPath: string };
}

/** The MCP endpoint's route, e.g. `/mcp` (before any global prefix). */
export function resolveMcpPath(extras: Pick<McpModuleExtras, 'path'>): string {
  return joinPath(extras.path ?? 'mcp');
}

export function resolveOpsSettings(extras: McpModuleExtras): OpsSettings {
  const mcpPath = resolveMcpPath(extras);
  return {
    mcpPath,
    health: resolveHealthSettings(extras.health, mcpPath),
    docs: resolveDocsSettings(extras.docs, mcpPath),
    metrics: resolveMetricsSettings(extras.metrics),
    legacySse:
      extras.legacySse === false
        ? undefined
        : {
            ssePath: joinPath(extras.legacySse?.ssePath ?? 'sse'),
            messagesPath: joinPath(extras.legacySse?.messagesPath ?? 'messages'),
          },
  };
}

function resolveHealthSettings(
  option: McpHealthOptions | false | undefined,
  mcpPath: string,
): HealthSettings | undefined {
  if (option === false || option?.enabled === false) return undefined;
  const base = option?.path === false ? 'health' : (option?.path ?? 'health');
  const settings: HealthSettings = {
    livePath: option?.path === false ? undefined : joinPath(base),
    readyPath:
      option?.readyPath === false ? undefined : joinPath(option?.readyPath ?? `${base}/ready`),
    endpointPath: option?.endpoint === false ? undefined : joinPath(mcpPath, 'health'),
    gracefulShutdownTimeoutMs: Math.max(0, option?.gracefulShutdownTimeoutMs ?? 0),
  };
  return settings.livePath || settings.readyPath || settings.endpointPath ? settings : undefined;
}

function resolveDocsSettings(
  option: McpDocsOptions | false | undefined,
  mcpPath: string,
): DocsSettings | undefined {
  if (option === false || option?.enabled === false) return undefined;
  return { jsonPath: joinPath(mcpPath, 'docs.json'), pagePath: joinPath(mcpPath, 'docs') };
}

function resolveMetricsSettings(
  option: McpMetricsOptions | false | undefined,
): MetricsSettings | undefined {
  if (option === false || option?.enabled === false) return undefined;
  return { path: joinPath(option?.path ?? 'metrics') };
}
