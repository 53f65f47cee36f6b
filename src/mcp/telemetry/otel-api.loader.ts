import type * as OtelApiModule from '@opentelemetry/api';

/** The `@opentelemetry/api` module (an optional peer), as loaded at boot. */
export type OtelApi = typeof OtelApiModule;

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
