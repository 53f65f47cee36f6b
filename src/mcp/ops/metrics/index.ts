// Public surface of the metrics feature (imported by the library's entry only).
export {
  McpMetrics,
  type ToolCallOutcome,
  type RateLimitScope,
  type McpMetricsRegistry,
} from './mcp-metrics.service.js';
export type { McpMetricsOptions } from './metrics-options.interface.js';
