import type { McpPrincipal } from '../principal.interface.js';

/** Signature algorithms of the `mcp-sig-v1` profile (RFC 9421 registry names). */
export type McpSigAlg = 'ed25519' | 'hmac-sha256' | 'ecdsa-p256-sha256';

/** The parts of an HTTP request that verification reads; nothing else is consulted. */
export interface SignedRequestInput {
  /** Request method as received (e.g. `POST`). */
  method: string;
  /** Already resolved by the caller from `publicBaseUrl` + the raw `originalUrl`; never from Host. */
  targetUri: string;
  /** Lower-cased names, every field line kept (Node's `req.headersDistinct`). */
  headers: Record<string, string[]>;
  /** The exact received body bytes; required whenever the request has content. */
  rawBody?: Buffer;
}

/** Windows and switches of the verifier. All times are Unix seconds. */
export interface VerificationPolicy {
  /** Oldest acceptable `created`, in seconds before now. Default 300. */
  maxAgeSec: number;
  /** How far `created` may lie in the future (clock skew). Default 30. */
  futureSkewSec: number;
  /** Accept the `Authorization: MSign …` compact form. Default false. */
  acceptMsign: boolean;
  /** Clock, in seconds; defaults to `Date.now() / 1000`. */
  now?: () => number;
}

/** Per-call options of `SignatureVerifier.verify`. */
export interface VerifyOptions {
  /** Per-tool override of `maxAgeSec` (e.g. 60 for write tools). */
  maxAgeSec?: number;
}

/** A request that carried valid signature material. */
export interface VerifiedSignature {
  ok: true;
  anonymous?: false;
  principal: McpPrincipal;
  keyid: string;
  created: number;
  nonce: string;
  coveredComponents: readonly string[];
  scheme: 'signature' | 'msign';
}

/** A request with no signature material at all (no Signature, Signature-Input or MSign). */
export interface AnonymousRequest {
  ok: true;
  anonymous: true;
}

/**
 * A rejected request. 400 = malformed signature fields; 401 = anything that failed
 * verification (identical public shape, only `reason` differs); 503 = a store was unavailable.
 */
export interface VerificationFailure {
  ok: false;
  status: 400 | 401 | 503;
  error: 'invalid_request' | 'invalid_signature' | 'temporarily_unavailable';
  /** Precise cause, for server logs only; never send it to the client. */
  reason: string;
}

/** What `SignatureVerifier.verify` resolves to; it never throws for bad input. */
export type VerificationResult = VerifiedSignature | AnonymousRequest | VerificationFailure;
