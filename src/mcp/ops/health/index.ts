// Public surface of the health feature (imported by the library's entry only).
export {
  McpHealthService,
  type McpReadinessCheck,
  type McpPingableStore,
} from './mcp-health.service.js';
export { McpHealthIndicator } from './mcp-health.indicator.js';
export type { McpHealthOptions } from './health-options.interface.js';
export type {
  HealthCheckResult,
  HealthIndicatorResult,
  HealthIndicatorStatus,
} from './health-check.types.js';
