/**
 * A bearer token that must be refused (401 `invalid_token`). The message is for the server log
 * only: clients get one uniform answer, and the token itself is never part of it.
 */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}
