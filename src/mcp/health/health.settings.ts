import { joinPath } from '../ops.http.js';
import type { McpHealthOptions } from './health-options.interface.js';

/** Health options resolved once, at import time (they shape routes). */
export interface HealthSettings {
  /** Route of the liveness check, or undefined when disabled. */
  livePath?: string;
  readyPath?: string;
  /** `<mcp endpoint>/health`, or undefined when disabled. */
  endpointPath?: string;
  gracefulShutdownTimeoutMs: number;
}

/** Undefined when health is disabled as a whole. */
export function resolveHealthSettings(
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
