import { randomBytes, type KeyObject } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import {
  serializeDictionary,
  type BareItem,
  type InnerList,
  type Item,
  type Parameters,
} from 'structured-headers';
import { RequestSigner } from '../../../src/mcp/agent/request-signer.js';
import { computeContentDigest } from '../../../src/mcp/security/signature/content-digest.checker.js';
import { buildSignatureBase } from '../../../src/mcp/security/signature/signature-base.builder.js';
import { signWithAlg } from '../../../src/mcp/security/signature/signature.algorithms.js';
import { COVER_WHEN_PRESENT } from '../../../src/mcp/security/signature/signature.constants.js';
import type { McpSigAlg } from '../../../src/mcp/index.js';
import type { RawResponse } from '../raw-http.js';
import { ACCEPT_BOTH, statelessMeta, STATELESS_VERSION } from '../mcp-wire.js';
import type { SigningAgent } from './agents.js';

/** Header values given as arrays go out as repeated lines. */
export type WireHeaders = Record<string, string | string[]>;

/** One request as it goes on the wire. */
export interface WireRequest {
  method: string;
  /** Path and query exactly as sent (the request-target). */
  path: string;
  headers: WireHeaders;
  body?: Buffer;
}

/** A stateless-era (2026-07-28) request with its envelope and SEP-2243 headers. */
export function statelessRequest(
  method: string,
  params: Record<string, unknown> = {},
  options: { id?: number | string; name?: string; meta?: Record<string, unknown> } = {},
): WireRequest {
  const body = {
    jsonrpc: '2.0',
    id: options.id ?? 1,
    method,
    params: { ...params, _meta: statelessMeta(STATELESS_VERSION, options.meta) },
  };
  return {
    method: 'POST',
    path: '/mcp',
    headers: {
      'content-type': 'application/json',
      accept: ACCEPT_BOTH,
      'mcp-protocol-version': STATELESS_VERSION,
      'mcp-method': method,
      ...(options.name === undefined ? {} : { 'mcp-name': options.name }),
    },
    body: Buffer.from(JSON.stringify(body)),
  };
}

/** A stateless-era `tools/call`. */
export function toolCall(
  name: string,
  args: Record<string, unknown> = {},
  id: number | string = 1,
): WireRequest {
  return statelessRequest('tools/call', { name, arguments: args }, { id, name });
}

/** A plain JSON POST to `path` with the given body bytes (session era, raw cases). */
export function jsonPost(
  body: string | Buffer | object,
  headers: WireHeaders = {},
  path = '/mcp',
): WireRequest {
  const bytes =
    typeof body === 'string' || Buffer.isBuffer(body)
      ? Buffer.from(body)
      : Buffer.from(JSON.stringify(body));
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH, ...headers },
    body: bytes,
  };
}

/** Copies a request (headers and body), so a captured request can be replayed or altered. */
export function cloneRequest(req: WireRequest, changes: Partial<WireRequest> = {}): WireRequest {
  return { ...req, headers: { ...req.headers }, ...changes };
}

function headersOf(req: WireRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    for (const line of Array.isArray(value) ? value : [value]) headers.append(name, line);
  return headers;
}

function withHeaders(req: WireRequest, headers: Headers): WireRequest {
  const record: WireHeaders = { ...req.headers };
  headers.forEach((value, name) => {
    if (!(name in record)) record[name] = value;
  });
  return { ...req, headers: record };
}

/**
 * Signs a request exactly as an agent using the library would: the library's own
 * `RequestSigner` (the engine of `createSignedFetch`), `@target-uri` = public base URL + path.
 */
export function sign(
  agent: Pick<SigningAgent, 'keyid' | 'alg' | 'key'>,
  req: WireRequest,
  publicBaseUrl: string,
  options: { msign?: boolean; now?: () => number } = {},
): WireRequest {
  const headers = headersOf(req);
  new RequestSigner({ keyid: agent.keyid, alg: agent.alg, key: agent.key, ...options }).sign({
    method: req.method,
    targetUri: publicBaseUrl + req.path,
    headers,
    body: req.body,
  });
  return withHeaders(req, headers);
}

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
  agent: Pick<SigningAgent, 'keyid' | 'alg' | 'key'>,
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

/** Sends a request to the app on 127.0.0.1 (optionally from another loopback address). */
export function send(
  port: number,
  req: WireRequest,
  options: { localAddress?: string; host?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const out = httpRequest({
      host: '127.0.0.1',
      port,
      method: req.method,
      path: req.path,
      localAddress: options.localAddress,
      agent: false,
    });
    for (const [name, value] of Object.entries(req.headers)) out.setHeader(name, value);
    if (options.host) out.setHeader('host', options.host);
    out.on('error', reject);
    out.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
      res.on('error', reject);
    });
    out.end(req.body);
  });
}

/** Signs `req` when an agent is given; anonymous requests go out as they are. */
export function maybeSign(
  agent: Pick<SigningAgent, 'keyid' | 'alg' | 'key'> | undefined,
  req: WireRequest,
  publicBaseUrl: string,
): WireRequest {
  return agent ? sign(agent, req, publicBaseUrl) : req;
}

/** A session-era request on session `sid`. */
export function sessionRequest(
  sid: string,
  message: Record<string, unknown>,
  extra: WireHeaders = {},
): WireRequest {
  return jsonPost(message, {
    'mcp-session-id': sid,
    'mcp-protocol-version': SESSION_ERA_VERSION,
    ...extra,
  });
}

export const SESSION_ERA_VERSION = '2025-11-25';

/** Runs `initialize` + `notifications/initialized` as `agent` (or anonymously); returns the id. */
export async function openSession(
  port: number,
  agent: Pick<SigningAgent, 'keyid' | 'alg' | 'key'> | undefined,
  publicBaseUrl: string,
  extra: WireHeaders = {},
): Promise<string> {
  const init = jsonPost(
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: SESSION_ERA_VERSION,
        capabilities: {},
        clientInfo: { name: 'security-e2e', version: '1.0.0' },
      },
    },
    extra,
  );
  const res = await send(port, maybeSign(agent, init, publicBaseUrl));
  const sid = res.headers['mcp-session-id'];
  if (res.status !== 200 || typeof sid !== 'string')
    throw new Error(`initialize failed: ${res.status} ${res.text}`);
  const done = await send(
    port,
    maybeSign(
      agent,
      sessionRequest(sid, { jsonrpc: '2.0', method: 'notifications/initialized' }),
      publicBaseUrl,
    ),
  );
  if (done.status !== 202) throw new Error(`initialized failed: ${done.status} ${done.text}`);
  return sid;
}
