/**
 * Thrown through a stateless-era handler when it asked for input the request did not carry:
 * the run ends and the client receives an input-required result to answer and retry.
 */
export class InputRequiredSignal extends Error {
  constructor(
    readonly inputRequests: Record<string, { method: string; params: Record<string, unknown> }>,
  ) {
    super('input required');
    this.name = 'InputRequiredSignal';
  }
}
