/** Texts of the metrics endpoint. */
export const MetricsMessages = {
  promClientMissing: () =>
    'Prometheus metrics need the optional package prom-client: run `npm install prom-client` and restart. MCP keeps working without it.',
  promClientFailed: (why: string) =>
    `prom-client could not be loaded (${why}); /metrics answers 501 until it can. MCP keeps working without it.`,
  collectFailed: (why: string) => `Metrics: a collector failed and was skipped: ${why}`,
} as const;
