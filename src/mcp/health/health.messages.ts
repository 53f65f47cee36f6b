/** Texts of the health checks: short, safe to show on a public probe endpoint. */
export const HealthMessages = {
  discoveryPending: () => 'tool discovery has not finished',
  shuttingDown: () => 'the server is shutting down',
  storeUnavailable: () => 'the session store did not answer',
  storeTimeout: (ms: number) => `the session store did not answer within ${ms} ms`,
  storeFailureLog: (why: string) => `Readiness: the session store failed its check: ${why}`,
} as const;
