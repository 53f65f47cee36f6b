import type { InnerList, Item, Parameters } from 'structured-headers';
import { computeContentDigest } from './content-digest.checker.js';
import { MCP_MSIGN_TAG } from './signature.constants.js';
import type { SignatureMessage } from './derived-components.js';

/** The MSign signature parameters, in the order they are serialised. */
export interface MsignParams {
  keyid: string;
  created: number;
  nonce: string;
}

/**
 * The RFC 9421 covered components and parameters an MSign header stands for (docs/signing.md §5):
 * `("@method" "@target-uri" "content-digest" ["mcp-session-id"] ["mcp-protocol-version"])`
 * with `;created;keyid;nonce;tag="mcp-msign"`.
 */
export function msignInnerList(
  params: MsignParams,
  headers: Record<string, readonly string[]>,
): InnerList {
  const names = ['@method', '@target-uri', 'content-digest'];
  for (const optional of ['mcp-session-id', 'mcp-protocol-version']) {
    if (headers[optional] !== undefined) names.push(optional);
  }
  const items = names.map((name): Item => [name, new Map() as Parameters]);
  return [
    items,
    new Map<string, string | number>([
      ['created', params.created],
      ['keyid', params.keyid],
      ['nonce', params.nonce],
      ['tag', MCP_MSIGN_TAG],
    ]),
  ];
}

/**
 * The message an MSign base is built from: `content-digest` is the digest of the exact body
 * computed here, so clients need not send the header (if they do, it is checked separately).
 */
export function msignMessage(
  method: string,
  targetUri: string,
  headers: Record<string, readonly string[]>,
  body: Uint8Array,
): SignatureMessage {
  return {
    method,
    targetUri,
    headers: { ...headers, 'content-digest': [computeContentDigest(body)] },
  };
}
