/**
 * The agent side, published as `nest-mcp/agent`: sign requests to an MCP server that verifies
 * agents (`signing`). Imports only Node and a header codec: no Nest, no server code.
 * @module nest-mcp/agent
 */
export { createSignedFetch, type SignedFetch, type SignedFetchOptions } from './signed-fetch.js';
export {
  RequestSigner,
  type OutgoingRequest,
  type RequestSignerOptions,
} from './request-signer.js';
export type { SigningKeyMaterial } from './signing-key.js';
