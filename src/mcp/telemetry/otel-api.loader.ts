import type * as OtelApiModule from '@opentelemetry/api';

/** The `@opentelemetry/api` module (an optional peer), as loaded once something registers with it. */
export type OtelApi = typeof OtelApiModule;

// Where every copy of the API (major version 1) keeps its registered globals: it exists only once
// a provider, propagator, context manager or diag logger has been registered.
const OTEL_GLOBALS = Symbol.for('opentelemetry.js.api.1');

/**
 * True once anything has registered with the OpenTelemetry API in this process. Until then there
 * is no provider to record to, so the API (44 modules) need not be loaded: a cheap check that
 * keeps it off the start of apps that run without OpenTelemetry.
 */
export function otelRegistered(): boolean {
  return (globalThis as Record<symbol, unknown>)[OTEL_GLOBALS] !== undefined;
}

/**
 * Loads the optional peer; undefined when it is not installed (then nest-mcp emits no telemetry
 * and costs nothing). Any other failure is rethrown: a broken install should be seen.
 */
export async function loadOtelApi(): Promise<OtelApi | undefined> {
  try {
    const mod = (await import('@opentelemetry/api')) as OtelApi & { default?: OtelApi };
    return typeof mod.trace?.getTracer === 'function' ? mod : mod.default;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
