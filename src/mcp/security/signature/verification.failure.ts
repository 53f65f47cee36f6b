import type { VerificationFailure } from './signature.types.js';

/** Malformed signature fields (structured-field syntax, label mismatch, MSign syntax, limits). */
export function malformed(reason: string): VerificationFailure {
  return { ok: false, status: 400, error: 'invalid_request', reason };
}

/** Any verification failure. One shape for all causes, so clients learn nothing from it. */
export function rejected(reason: string): VerificationFailure {
  return { ok: false, status: 401, error: 'invalid_signature', reason };
}

/** A key or replay store failed: fail closed, and tell the client to retry. */
export function unavailable(reason: string): VerificationFailure {
  return { ok: false, status: 503, error: 'temporarily_unavailable', reason };
}

/** Narrows a step's result: every step returns either its value or a failure. */
export function isFailure(value: unknown): value is VerificationFailure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
