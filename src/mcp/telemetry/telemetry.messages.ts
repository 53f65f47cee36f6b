/** Texts of the access log and of handler failures. */
export const TelemetryMessages = {
  access: (method: string, target: string | undefined, outcome: string, ms: number) =>
    `${method}${target === undefined ? '' : ` ${target}`} ${outcome} ${ms.toFixed(1)} ms`,
  handlerFailed: (tool: string, id: string, principal: string, ms: number, why: string) =>
    `Tool ${tool} failed (request ${id}, principal ${principal}, ${ms.toFixed(1)} ms): ${why}`,
  loadFailed: (why: string) =>
    `@opentelemetry/api could not be loaded, so nest-mcp records no telemetry: ${why}`,
} as const;
