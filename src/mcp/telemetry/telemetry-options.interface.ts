/**
 * OpenTelemetry (`McpModule.forRoot({ telemetry })`). nest-mcp uses only `@opentelemetry/api`
 * (an optional peer) and bundles no SDK: spans and metrics appear once the host registers a
 * tracer or meter provider (for example with `@opentelemetry/sdk-node`).
 * @example
 * McpModule.forRoot({ serverInfo, telemetry: { recordPrincipal: true } })
 */
export interface McpTelemetryOptions {
  /** Default true; false emits no span and records no OpenTelemetry metric. */
  enabled?: boolean;
  /** Record the caller's principal id as `enduser.id` on spans. Default false (personal data). */
  recordPrincipal?: boolean;
}
