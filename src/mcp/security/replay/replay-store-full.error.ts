import { SecurityMessages } from '../security.messages.js';

/** The in-memory replay store reached its cap; requests fail closed (503) until entries expire. */
export class ReplayStoreFullError extends Error {
  constructor(readonly maxEntries: number) {
    super(SecurityMessages.replayStoreFull(maxEntries));
    this.name = 'ReplayStoreFullError';
  }
}
