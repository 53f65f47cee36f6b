/** State of one checked dependency, as @nestjs/terminus reports it. */
export type HealthIndicatorStatus = 'up' | 'down';

/** One or more checks keyed by name: `{ sessionStore: { status: 'up', sessions: 3 } }`. */
export type HealthIndicatorResult = Record<
  string,
  { status: HealthIndicatorStatus; [detail: string]: unknown }
>;

/**
 * The body of every health endpoint: the shape of @nestjs/terminus's `HealthCheckResult`, so
 * dashboards and probes written for terminus read it unchanged.
 */
export interface HealthCheckResult {
  status: 'ok' | 'error';
  /** Checks that are up. */
  info: HealthIndicatorResult;
  /** Checks that are down. */
  error: HealthIndicatorResult;
  /** Every check. */
  details: HealthIndicatorResult;
}

/** Folds individual checks into the terminus result shape. */
export function toHealthCheckResult(details: HealthIndicatorResult): HealthCheckResult {
  const info: HealthIndicatorResult = {};
  const error: HealthIndicatorResult = {};
  for (const [key, value] of Object.entries(details))
    (value.status === 'up' ? info : error)[key] = value;
  return { status: Object.keys(error).length ? 'error' : 'ok', info, error, details };
}
