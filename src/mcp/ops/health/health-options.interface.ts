/**
 * Health endpoints (`McpModule.forRoot({ health })`). Every path is relative to the app's
 * global prefix; `false` removes that one endpoint.
 * @example
 * McpModule.forRoot({ serverInfo, health: { path: 'healthz', gracefulShutdownTimeoutMs: 5_000 } })
 */
export interface McpHealthOptions {
  /** Default true; `false` serves no health endpoint (same as `health: false`). */
  enabled?: boolean;
  /** Liveness: answers 200 while the process runs. Default `health`. */
  path?: string | false;
  /** Readiness: discovery finished, stores answer, not shutting down. Default `<path>/ready`. */
  readyPath?: string | false;
  /** Serve the readiness answer at `<mcp endpoint>/health` too. Default true. */
  endpoint?: boolean;
  /**
   * After readiness turns 503 at shutdown, wait this long before Nest closes the server, so load
   * balancers stop routing here while connections still drain (as terminus's option of the same
   * name). Default 0.
   */
  gracefulShutdownTimeoutMs?: number;
}
