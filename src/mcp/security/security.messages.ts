/**
 * Texts of the security units: configuration errors (thrown at boot, each saying what to fix)
 * and verification failure reasons (server logs only, never sent to clients).
 */
export const SecurityMessages = {
  reservedPrincipal: (keyid: string, principal: string) =>
    `Key "${keyid}": principal "${principal}" is reserved for unsigned or local callers; choose another id`,
  keyEntryInvalid: (index: number, keyid: string | undefined, why: string) =>
    `Signing key entry #${index}${keyid ? ` ("${keyid}")` : ''} is not valid: ${why}.`,
  keyFileUnreadable: (path: string, why: string) =>
    `Cannot load signing keys from "${path}": ${why}. The file must hold JSON of the form {"keys":[{"keyid":"…","principal":"…","alg":"ed25519","publicKeyJwk":{…},"scopes":[]}]}.`,
  duplicateKeyId: (keyid: string) =>
    `Signing key "${keyid}" is configured twice; every keyid must be unique.`,
  replayStoreFull: (cap: number) =>
    `The in-memory replay store holds ${cap} unexpired nonces and accepts no more; raise maxEntries or use a shared store (Redis).`,
  signedFetchNoKey: () =>
    'createSignedFetch needs privateKey (ed25519/ecdsa-p256-sha256) or secret (hmac-sha256) matching its alg.',
  signedFetchBadKey: (alg: string, why: string) =>
    `createSignedFetch: the key given does not fit alg "${alg}": ${why}.`,
  signedFetchBody: (kind: string) =>
    `createSignedFetch cannot sign a ${kind} body: pass a string, Buffer/Uint8Array or ArrayBuffer so the exact bytes can be digested.`,
  signedFetchAuthorization: () =>
    'createSignedFetch with msign: true sends its own Authorization header; the request already carries one.',
  invalidPublicBaseUrl: (url: string) =>
    `publicBaseUrl "${url}" must be an absolute http(s) URL without query or fragment, e.g. "https://api.example.com".`,
} as const;
