/** A signing key in configuration or a key file is unusable; the message says which and why. */
export class KeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyConfigError';
  }
}
