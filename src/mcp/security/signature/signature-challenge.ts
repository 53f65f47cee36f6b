import {
  serializeDictionary,
  serializeString,
  type InnerList,
  type Item,
  type Parameters,
} from 'structured-headers';
import { MCP_SIGNATURE_TAG } from './signature.constants.js';

/** The `error` of a `Signature` challenge (docs/signing.md §6). */
export type SignatureChallengeError =
  'invalid_request' | 'invalid_signature' | 'stale_signature' | 'insufficient_scope';

/**
 * The `WWW-Authenticate` value for a rejected request. RFC 9110 requires one on every 401;
 * the MSign challenge is listed only when that form is accepted.
 *
 * @example
 * wwwAuthenticate({ error: 'invalid_signature', acceptMsign: true })
 * // 'Signature realm="mcp", error="invalid_signature", MSign realm="mcp"'
 */
export function wwwAuthenticate(options: {
  error: SignatureChallengeError;
  acceptMsign?: boolean;
  /** Required scopes, for `insufficient_scope`. */
  scope?: readonly string[];
}): string {
  let challenge = `Signature realm="mcp", error="${options.error}"`;
  if (options.scope && options.scope.length > 0) {
    challenge += `, scope=${serializeString(options.scope.join(' '))}`;
  }
  return options.acceptMsign ? `${challenge}, MSign realm="mcp"` : challenge;
}

/**
 * The `Accept-Signature` value (RFC 9421 §5.1) sent with a 401. It carries no `nonce`: in
 * Accept-Signature a nonce would be a server-chosen value, while the profile wants the client's.
 */
export function acceptSignature(): string {
  const requested: InnerList = [
    ['@method', '@target-uri', 'content-digest'].map((name): Item => [
      name,
      new Map() as Parameters,
    ]),
    new Map<string, string | boolean>([
      ['created', true],
      ['tag', MCP_SIGNATURE_TAG],
    ]),
  ];
  return serializeDictionary(new Map([['sig', requested]]));
}
