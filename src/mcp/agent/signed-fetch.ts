import { SecurityMessages } from '../security/security.messages.js';
import { KEYID_PATTERN } from '../security/signature/signature.constants.js';
import { normalisePublicBaseUrl, resolveTargetUri } from '../security/signature/target-uri.js';
import { readFetchRequest } from './fetch-request.js';
import { RequestSigner } from './request-signer.js';
import { resolveSigningKey, type SigningKeyMaterial } from './signing-key.js';

/** Options of `createSignedFetch`. */
export interface SignedFetchOptions extends SigningKeyMaterial {
  keyid: string;
  /**
   * The server's configured public base URL, when the agent reaches it through another URL
   * (a tunnel, an internal name). The signed `@target-uri` is this plus the request's path
   * and query, exactly as the server computes it.
   */
  publicBaseUrl?: string;
  /** The fetch to wrap. Default: the global fetch. */
  fetch?: typeof fetch;
  /** Use the compact `Authorization: MSign …` form (the server must enable `acceptMsign`). */
  msign?: boolean;
  /** Clock in seconds (tests). */
  now?: () => number;
}

/** The fetch-compatible function `createSignedFetch` returns. */
export type SignedFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A fetch that signs every request for an MCP server using nest-mcp's signature profile: it
 * digests the exact body bytes (Content-Digest, sha-256) and signs `@method`, `@target-uri`,
 * `content-digest` and the MCP headers present, with a fresh nonce, label `sig`, `tag="mcp"`.
 *
 * @example
 * const transport = new StreamableHTTPClientTransport(new URL('https://api.example.com/mcp'), {
 *   fetch: createSignedFetch({ keyid: 'agent-42.2026-09', alg: 'ed25519', privateKey: pem }),
 * });
 */
export function createSignedFetch(options: SignedFetchOptions): SignedFetch {
  if (!KEYID_PATTERN.test(options.keyid)) {
    throw new Error(SecurityMessages.signedFetchBadKey(options.alg, 'keyid has bad characters'));
  }
  const publicBase =
    options.publicBaseUrl === undefined ? undefined : normalisePublicBaseUrl(options.publicBaseUrl);
  const signer = new RequestSigner({
    keyid: options.keyid,
    alg: options.alg,
    key: resolveSigningKey(options),
    msign: options.msign,
    now: options.now,
  });
  const send = options.fetch ?? ((input, init) => fetch(input, init));

  return async (input, init) => {
    const request = await readFetchRequest(input, init);
    const { url, method, headers, body } = request;
    const targetUri =
      publicBase === undefined
        ? url.href.replace(/#.*$/, '')
        : resolveTargetUri(publicBase, url.pathname + url.search);
    signer.sign({ method, targetUri, headers, body });
    return send(url, { ...request.init, method, headers, body });
  };
}
