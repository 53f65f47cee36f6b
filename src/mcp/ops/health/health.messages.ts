/** Texts of the health checks: short, safe to show on a public probe endpoint. */
export const HealthMessages = {
  discoveryPending: () => 'tool discovery has not finished',
  shuttingDown: () => 'the server is shutting down',
  storeUnavailable: (name: string) => `the ${storeLabel(name)} did not answer`,
  storeTimeout: (name: string, ms: number) =>
    `the ${storeLabel(name)} did not answer within ${ms} ms`,
  storeFailureLog: (name: string, why: string) =>
    `Readiness: the ${storeLabel(name)} failed its check: ${why}`,
} as const;

/** `sessionStore` → `session store`: the check's name as the messages always said it. */
function storeLabel(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
