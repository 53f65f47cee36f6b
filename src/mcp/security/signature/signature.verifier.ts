import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { InnerList } from 'structured-headers';
import type { McpAgentKey } from '../keys/agent-key.interface.js';
import type { KeyStore } from '../keys/key-store.interface.js';
import type { McpPrincipal } from '../principal.interface.js';
import { replayKey } from '../replay/replay-key.js';
import type { ReplayStore } from '../replay/replay-store.interface.js';
import { matchContentDigest, parseContentDigest } from './content-digest.checker.js';
import { checkCoverage, hasContent } from './covered-components.policy.js';
import type { SignatureMessage } from './derived-components.js';
import { checkKeyUsable } from './key-usability.policy.js';
import { msignInnerList, msignMessage } from './msign.base.js';
import { isMsignAuthorization, parseMsign } from './msign.parser.js';
import { buildSignatureBase } from './signature-base.builder.js';
import { selectSignature } from './signature-input.parser.js';
import {
  checkWindows,
  readSignatureParams,
  type SignatureParams,
} from './signature-params.policy.js';
import { verifyWithAlg } from './signature.algorithms.js';
import { DEFAULT_FUTURE_SKEW_SEC, DEFAULT_MAX_AGE_SEC } from './signature.constants.js';
import type * as T from './signature.types.js';
import { isFailure, malformed, rejected, unavailable } from './verification.failure.js';

/** A parsed signature, whichever header carried it, ready for the shared checks. */
interface Candidate {
  scheme: 'signature' | 'msign';
  params: SignatureParams;
  innerList: InnerList;
  signature: Buffer;
  message: SignatureMessage;
}

const EMPTY = Buffer.alloc(0);
const DECOY_SIGNATURE = Buffer.alloc(64, 1);

/**
 * Verifies the `mcp-sig-v1` signature (or, if enabled, the MSign form) of one request, as
 * docs/signing.md §4 describes, in this order: strict parse → time windows → key → digest →
 * crypto → nonce claim.
 * The nonce is claimed only after the signature checks out, so forged traffic cannot burn
 * nonces or fill the store. No signature material at all yields `{ ok: true, anonymous: true }`;
 * material that fails never does.
 *
 * @example
 * const verifier = new SignatureVerifier(new CachingKeyStore(keys), new MemoryReplayStore());
 * const result = await verifier.verify({ method, targetUri, headers: req.headersDistinct, rawBody });
 */
export class SignatureVerifier {
  private readonly policy: Required<T.VerificationPolicy>;

  constructor(
    private readonly keys: KeyStore,
    private readonly replay: ReplayStore,
    policy: Partial<T.VerificationPolicy> = {},
  ) {
    this.policy = {
      maxAgeSec: policy.maxAgeSec ?? DEFAULT_MAX_AGE_SEC,
      futureSkewSec: policy.futureSkewSec ?? DEFAULT_FUTURE_SKEW_SEC,
      acceptMsign: policy.acceptMsign ?? false,
      now: policy.now ?? (() => Date.now() / 1000),
    };
  }

  async verify(
    input: T.SignedRequestInput,
    opts: T.VerifyOptions = {},
  ): Promise<T.VerificationResult> {
    const candidate = this.parse(input);
    if (candidate === undefined) return { ok: true, anonymous: true };
    if (isFailure(candidate)) return candidate;
    const digests = parseContentDigest(input.headers);
    if (isFailure(digests)) return digests;

    const now = this.policy.now();
    const maxAge = opts.maxAgeSec ?? this.policy.maxAgeSec;
    const stale = checkWindows(candidate.params, now, maxAge, this.policy.futureSkewSec);
    if (stale) return stale;

    const key = await this.findKey(candidate, now);
    if (isFailure(key)) return key;

    if (digests !== undefined) {
      const mismatch = matchContentDigest(digests, input.rawBody ?? EMPTY);
      if (mismatch) return mismatch;
    } else if (candidate.scheme === 'signature' && hasContent(input)) {
      return rejected('Content-Digest is missing');
    }

    const base = buildSignatureBase(candidate.innerList, candidate.message);
    if (isFailure(base)) return base;
    if (!verifyWithAlg(key.alg, key.key, Buffer.from(base.base), candidate.signature)) {
      return rejected('signature does not verify');
    }
    const ttlMs = (Math.max(maxAge, this.policy.maxAgeSec) + this.policy.futureSkewSec) * 1000;
    return this.claimNonce(candidate, key, ttlMs);
  }

  /** Detects and strictly parses the signature material; `undefined` when there is none. */
  private parse(input: T.SignedRequestInput): Candidate | T.VerificationFailure | undefined {
    const { headers } = input;
    const authorization = headers.authorization ?? [];
    const msign = authorization.filter(isMsignAuthorization);
    const hasSignature =
      headers.signature !== undefined || headers['signature-input'] !== undefined;
    if (msign.length === 0) return hasSignature ? this.parseSignature(input) : undefined;
    if (hasSignature) return malformed('MSign and Signature sent together');
    if (authorization.length > 1) return malformed('Authorization sent on more than one line');
    if (!this.policy.acceptMsign) return rejected('MSign is not accepted');
    const credentials = parseMsign(msign[0]);
    if (isFailure(credentials)) return credentials;
    const { signature, ...params } = credentials;
    return {
      scheme: 'msign',
      params,
      innerList: msignInnerList(params, headers),
      signature,
      message: msignMessage(input.method, input.targetUri, headers, input.rawBody ?? EMPTY),
    };
  }

  private parseSignature(input: T.SignedRequestInput): Candidate | T.VerificationFailure {
    const selected = selectSignature(input.headers);
    if (isFailure(selected)) return selected;
    const params = readSignatureParams(selected.innerList[1]);
    if (isFailure(params)) return params;
    const uncovered = checkCoverage(selected.componentNames, input);
    if (uncovered) return uncovered;
    const { innerList, signature } = selected;
    return { scheme: 'signature', params, innerList, signature, message: input };
  }

  private async findKey(
    candidate: Candidate,
    now: number,
  ): Promise<McpAgentKey | T.VerificationFailure> {
    let key: McpAgentKey | null;
    try {
      key = await this.keys.findByKeyId(candidate.params.keyid);
    } catch {
      return unavailable('key store failed');
    }
    if (key === null) {
      // Spend the time a real verification would, so unknown keyids are not told apart.
      verifyWithAlg('ed25519', decoyKey(), Buffer.from(candidate.params.nonce), DECOY_SIGNATURE);
      return rejected('unknown keyid');
    }
    return checkKeyUsable(key, candidate.params.alg, now) ?? key;
  }

  private async claimNonce(
    candidate: Candidate,
    key: McpAgentKey,
    ttlMs: number,
  ): Promise<T.VerificationResult> {
    const { keyid, created, nonce } = candidate.params;
    let first: boolean;
    try {
      first = await this.replay.claim(replayKey(keyid, nonce), ttlMs);
    } catch {
      return unavailable('replay store failed');
    }
    if (!first) return rejected('nonce already used');
    const principal: McpPrincipal = Object.freeze({
      id: key.principalId,
      kind: 'agent',
      keyid,
      scopes: Object.freeze([...key.scopes]),
      roles: Object.freeze([...(key.roles ?? [])]),
      signedAt: created,
    });
    const coveredComponents = Object.freeze(candidate.innerList[0].map(([name]) => String(name)));
    return {
      ok: true,
      principal,
      keyid,
      created,
      nonce,
      coveredComponents,
      scheme: candidate.scheme,
    };
  }
}

let decoy: KeyObject | undefined;
function decoyKey(): KeyObject {
  decoy ??= generateKeyPairSync('ed25519').publicKey;
  return decoy;
}
