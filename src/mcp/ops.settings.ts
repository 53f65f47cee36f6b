import { resolveDocsSettings, type DocsSettings } from './docs/docs.settings.js';
import { resolveHealthSettings, type HealthSettings } from './health/health.settings.js';
import type { McpModuleExtras } from './mcp-options.interface.js';
import { resolveMetricsSettings, type MetricsSettings } from './metrics/metrics.settings.js';
import { joinPath } from './ops.http.js';

/**
 * Where the operational endpoints live (health, docs, metrics), resolved from the import-time
 * extras; undefined members are disabled.
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

export function resolveOpsSettings(extras: McpModuleExtras): OpsSettings {
  const mcpPath = joinPath(extras.path ?? 'mcp');
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
