import { IntrinsicException } from '@nestjs/common';

/**
 * Thrown through a stateless-era handler when it asked for input the request did not carry:
 * the run ends and the client receives an input-required result to answer and retry.
 * Normal protocol flow, so intrinsic: Nest's exception handler does not log it.
 */
export class InputRequiredSignal extends IntrinsicException {
  constructor(
    readonly inputRequests: Record<string, { method: string; params: Record<string, unknown> }>,
  ) {
    super('input required');
    this.name = 'InputRequiredSignal';
  }
}
