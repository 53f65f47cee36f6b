// Public surface of the telemetry feature (imported by the library's entry only).
export type { McpTelemetryOptions } from './telemetry-options.interface.js';
