export { createSignedFetch, type SignedFetch, type SignedFetchOptions } from './signed-fetch.js';
export {
  RequestSigner,
  type OutgoingRequest,
  type RequestSignerOptions,
} from './request-signer.js';
export type { SigningKeyMaterial } from './signing-key.js';
