/**
 * Prometheus metrics (`McpModule.forRoot({ metrics })`). Needs the optional peer `prom-client`;
 * without it the endpoint answers 501 with an install hint and nothing else changes.
 * @example
 * McpModule.forRoot({ serverInfo, metrics: { path: 'internal/metrics' } })
 */
export interface McpMetricsOptions {
  /** Default true. */
  enabled?: boolean;
  /** Route of the scrape endpoint, relative to the global prefix. Default `metrics`. */
  path?: string;
  /**
   * prom-client's default process and Node.js series (memory, CPU, event-loop lag, GC) in the
   * same registry, so one scrape shows them beside the MCP figures. Default true.
   */
  defaultMetrics?: boolean;
}
