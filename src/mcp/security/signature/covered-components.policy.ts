import { COVER_WHEN_PRESENT } from './signature.constants.js';
import { rejected } from './verification.failure.js';
import type { SignedRequestInput, VerificationFailure } from './signature.types.js';

/** Whether the request has content, so its digest must be signed. */
export function hasContent(input: SignedRequestInput): boolean {
  const length = input.headers['content-length']?.[0];
  return (
    input.method.toUpperCase() === 'POST' ||
    (input.rawBody?.length ?? 0) > 0 ||
    (length !== undefined && length.trim() !== '0')
  );
}

/**
 * The components the profile requires: `@method`, `@target-uri`, `content-digest` for
 * requests with content, and every binding header the request carries (docs/signing.md §4.3).
 */
export function checkCoverage(
  covered: readonly string[],
  input: SignedRequestInput,
): VerificationFailure | undefined {
  const required: string[] = ['@method', '@target-uri'];
  if (hasContent(input)) required.push('content-digest');
  for (const name of COVER_WHEN_PRESENT) {
    if (input.headers[name] !== undefined) required.push(name);
  }
  const missing = required.find((name) => !covered.includes(name));
  return missing === undefined ? undefined : rejected(`"${missing}" is not covered`);
}
