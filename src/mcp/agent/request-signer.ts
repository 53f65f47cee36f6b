import { randomBytes, type KeyObject } from 'node:crypto';
import {
  serializeDictionary,
  type InnerList,
  type Item,
  type Parameters as SfParameters,
} from 'structured-headers';
import type { SignatureMessage } from '../security/signature/derived-components.js';
import { computeContentDigest } from '../security/signature/content-digest.checker.js';
import { msignInnerList, msignMessage } from '../security/signature/msign.base.js';
import { buildSignatureBase } from '../security/signature/signature-base.builder.js';
import { signWithAlg } from '../security/signature/signature.algorithms.js';
import {
  COVER_WHEN_PRESENT,
  MCP_SIGNATURE_TAG,
} from '../security/signature/signature.constants.js';
import type { McpSigAlg } from '../security/signature/signature.types.js';
import { isFailure } from '../security/signature/verification.failure.js';
import { SecurityMessages } from '../security/security.messages.js';

/** Who signs, and how. */
export interface RequestSignerOptions {
  keyid: string;
  alg: McpSigAlg;
  /** A private key (ed25519, ecdsa) or secret key (hmac) that fits `alg`. */
  key: KeyObject;
  /** Send `Authorization: MSign …` instead of Signature-Input/Signature. */
  msign?: boolean;
  /** Clock in seconds (tests). */
  now?: () => number;
}

/** One outgoing request, as it will be on the wire. */
export interface OutgoingRequest {
  method: string;
  targetUri: string;
  /** Mutated: the signature headers are set on it. */
  headers: Headers;
  body?: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/**
 * Signs outgoing requests under the `mcp-sig-v1` profile with the same base builder the
 * server verifies with. Each call uses a fresh 256-bit nonce and the current `created`.
 */
export class RequestSigner {
  constructor(private readonly options: RequestSignerOptions) {}

  /** Sets `Content-Digest` (when there is content) and the signature headers on `request`. */
  sign(request: OutgoingRequest): void {
    const { method, headers, body } = request;
    const withContent = body !== undefined || method === 'POST';
    if (withContent) headers.set('content-digest', computeContentDigest(body ?? EMPTY));
    const created = Math.floor(this.options.now?.() ?? Date.now() / 1000);
    const nonce = randomBytes(32).toString('base64url');
    if (this.options.msign) {
      this.signMsign(request, created, nonce);
      return;
    }
    const names = ['@method', '@target-uri'];
    if (withContent) names.push('content-digest');
    names.push(...COVER_WHEN_PRESENT.filter((name) => headers.has(name)));
    const { keyid } = this.options;
    const innerList: InnerList = [
      names.map((name): Item => [name, new Map() as SfParameters]),
      new Map<string, string | number>([
        ['created', created],
        ['keyid', keyid],
        ['nonce', nonce],
        ['tag', MCP_SIGNATURE_TAG],
      ]),
    ];
    const signature = this.signBase(innerList, { ...request, headers: fieldRecord(headers) });
    headers.set('signature-input', serializeDictionary(new Map([['sig', innerList]])));
    headers.set('signature', serializeDictionary(new Map([['sig', [signature, new Map()]]])));
  }

  private signMsign(request: OutgoingRequest, created: number, nonce: string): void {
    const { headers } = request;
    if (headers.has('authorization')) throw new Error(SecurityMessages.signedFetchAuthorization());
    const { keyid } = this.options;
    const record = fieldRecord(headers);
    const innerList = msignInnerList({ keyid, created, nonce }, record);
    const message = msignMessage(request.method, request.targetUri, record, request.body ?? EMPTY);
    const sig = this.signBase(innerList, message).toString('base64');
    headers.set(
      'authorization',
      `MSign keyid="${keyid}", created=${created}, nonce="${nonce}", sig=":${sig}:"`,
    );
  }

  private signBase(innerList: InnerList, message: SignatureMessage): Buffer {
    const base = buildSignatureBase(innerList, message);
    if (isFailure(base)) throw new Error(base.reason);
    return signWithAlg(this.options.alg, this.options.key, Buffer.from(base.base));
  }
}

/** Headers as the verifier sees them: lower-case names, one (already combined) line each. */
function fieldRecord(headers: Headers): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  headers.forEach((value, name) => {
    record[name] = [value];
  });
  return record;
}
