import { joinPath } from '../ops.http.js';
import type { McpMetricsOptions } from './metrics-options.interface.js';

/** Route of the scrape endpoint, resolved at import time. */
export interface MetricsSettings {
  path: string;
}

/** Undefined when the endpoint is disabled. */
export function resolveMetricsSettings(
  option: McpMetricsOptions | false | undefined,
): MetricsSettings | undefined {
  if (option === false || option?.enabled === false) return undefined;
  return { path: joinPath(option?.path ?? 'metrics') };
}
