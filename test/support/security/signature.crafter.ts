import { randomBytes, type KeyObject } from 'node:crypto';
import {
  serializeDictionary,
  type BareItem,
  type InnerList,
  type Item,
  type Parameters,
} from 'structured-headers';
import { computeContentDigest } from '../../../src/mcp/security/signature/content-digest.checker.js';
import { buildSignatureBase } from '../../../src/mcp/security/signature/signature-base.builder.js';
import { signWithAlg } from '../../../src/mcp/security/signature/signature.algorithms.js';
import { COVER_WHEN_PRESENT } from '../../../src/mcp/security/signature/signature.constants.js';
import type { McpSigAlg } from '../../../src/mcp/index.js';
import type { WireHeaders, WireRequest } from '../wire/wire.request.js';
import type { SignerOf } from './request.signer.js';

/** A signature parameter value (SF integer, decimal, string or boolean). */
export type ParamValue = string | number | boolean;

/** What an attacker (or a buggy client) may change in a hand-made signature. */
export interface CraftSpec {
  /** Covered components; default: what the library signer would cover. */
  components?: string[];
  /** Signature parameters, in order; `undefined` leaves one out. Defaults: created, keyid, nonce, tag. */
  params?: Record<string, ParamValue | undefined>;
  label?: string;
  /** The URI the signature is computed over (default: public base URL + path). */
  targetUri?: string;
  /** Sign with another algorithm / key than the agent's (key confusion). */
  signWith?: { alg: McpSigAlg; key: KeyObject };
  /** Alter the signature bytes after signing. */
  tamper?: (signature: Buffer) => Buffer;
  /** Set `Content-Digest` to this value instead of the body's sha-256 (`null`: none). */
  contentDigest?: string | null;
  /** Keep other signatures already on the request (A20): the new one is added to the dictionaries. */
  appendTo?: { input: string; signature: string };
}

/** A fresh 256-bit base64url nonce, as the library signer makes them. */
export const newNonce = (): string => randomBytes(32).toString('base64url');
export const nowSec = (): number => Math.floor(Date.now() / 1000);

/**
 * A hand-made RFC 9421 signature over the library's own base builder, for the cases no
 * well-behaved signer produces (missing parameters, small coverage, foreign tags…).
 * Returns the request with `Signature-Input`, `Signature` (and `Content-Digest`) set.
 */
export function craft(
  agent: SignerOf,
  req: WireRequest,
  publicBaseUrl: string,
  spec: CraftSpec = {},
): WireRequest {
  const headers: WireHeaders = { ...req.headers };
  const hasContent = req.method === 'POST' || req.body !== undefined;
  if (spec.contentDigest !== null && (hasContent || spec.contentDigest !== undefined))
    headers['content-digest'] =
      spec.contentDigest ?? computeContentDigest(req.body ?? Buffer.alloc(0));
  const names = spec.components ?? [
    '@method',
    '@target-uri',
    ...(hasContent ? ['content-digest'] : []),
    ...COVER_WHEN_PRESENT.filter((name) => headers[name] !== undefined),
  ];
  const defaults: Record<string, ParamValue | undefined> = {
    created: nowSec(),
    keyid: agent.keyid,
    nonce: newNonce(),
    tag: 'mcp',
  };
  const params = new Map<string, BareItem>() as Parameters;
  for (const [name, value] of Object.entries({ ...defaults, ...spec.params }))
    if (value !== undefined) params.set(name, value);
  const innerList: InnerList = [names.map((n): Item => [n, new Map() as Parameters]), params];
  const record: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers))
    record[name.toLowerCase()] = Array.isArray(value) ? value : [value];
  const base = buildSignatureBase(innerList, {
    method: req.method,
    targetUri: spec.targetUri ?? publicBaseUrl + req.path,
    headers: record,
  });
  if (!base.ok) throw new Error(`cannot build the base: ${base.reason}`);
  const signer = spec.signWith ?? { alg: agent.alg, key: agent.key };
  let signature = signWithAlg(signer.alg, signer.key, Buffer.from(base.base));
  if (spec.tamper) signature = spec.tamper(signature);
  const label = spec.label ?? 'sig';
  const input = serializeDictionary(new Map([[label, innerList]]));
  const sig = serializeDictionary(new Map([[label, [toArrayBuffer(signature), new Map()]]]));
  headers['signature-input'] = spec.appendTo ? `${spec.appendTo.input}, ${input}` : input;
  headers.signature = spec.appendTo ? `${spec.appendTo.signature}, ${sig}` : sig;
  return { ...req, headers };
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
