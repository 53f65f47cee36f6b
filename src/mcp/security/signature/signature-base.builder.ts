import { serializeInnerList, serializeItem, type InnerList } from 'structured-headers';
import { derivedComponent, fieldValue, type SignatureMessage } from './derived-components.js';
import { malformed, rejected } from './verification.failure.js';
import type { VerificationFailure } from './signature.types.js';

/** Printable ASCII and tab: anything else (notably CR/LF) could forge extra base lines. */
const SAFE_VALUE = /^[\x20-\x7E\t]*$/;
const FIELD_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Builds the RFC 9421 §2.5 signature base for the covered components and parameters in
 * `innerList`. Used by both the verifier and `createSignedFetch`, so they cannot drift apart.
 * Components with parameters (`;sf`, `;bs`, `;req`…) are outside the profile and fail.
 *
 * @example
 * buildSignatureBase([[['@method', new Map()]], new Map([['created', 1]])], message)
 */
export function buildSignatureBase(
  innerList: InnerList,
  message: SignatureMessage,
): { ok: true; base: string } | VerificationFailure {
  const lines: string[] = [];
  for (const item of innerList[0]) {
    // BareItem mentions the DOM-only BufferSource, so read it as unknown.
    const name: unknown = item[0];
    const params = item[1];
    if (typeof name !== 'string') return malformed('a component identifier is not a string');
    if (params.size > 0) return rejected(`component parameters on "${name}" are not supported`);
    if (!name.startsWith('@') && !FIELD_NAME.test(name)) return malformed('bad field name');
    const value = name.startsWith('@')
      ? derivedComponent(name, message)
      : fieldValue(name, message.headers);
    if (value === undefined) return rejected(`covered component "${name}" is not available`);
    if (!SAFE_VALUE.test(value)) return malformed(`value of "${name}" is not printable ASCII`);
    lines.push(`${serializeItem(item)}: ${value}`);
  }
  try {
    lines.push(`"@signature-params": ${serializeInnerList(innerList)}`);
  } catch {
    return malformed('signature parameters cannot be serialised');
  }
  return { ok: true, base: lines.join('\n') };
}
