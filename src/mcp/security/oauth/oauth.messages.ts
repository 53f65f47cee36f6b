/** Texts of the OAuth units: configuration errors (each saying the fix) and log-only reasons. */
export const OAuthMessages = {
  noAuthorizationServers: () =>
    'McpModule option "oauth.authorizationServers" must list at least one issuer URL, e.g. ["https://login.example.com/realms/acme"].',
  badIssuer: (issuer: string) =>
    `McpModule option "oauth.authorizationServers" contains "${issuer}", which is not an absolute http(s) URL without query or fragment.`,
  noPublicBaseUrl: () =>
    'McpModule option "oauth" needs the public URL clients use: set oauth.publicBaseUrl (or signing.publicBaseUrl), e.g. "https://api.example.com"; the canonical resource URI is built from it.',
  badAlgorithm: (alg: string) =>
    `McpModule option "oauth.algorithms" contains "${alg}": only asymmetric JWS algorithms (RS*, PS*, ES*, EdDSA) are accepted for access tokens, never "none" or HS*.`,
  badSkew: () => 'McpModule option "oauth.clockSkewSec" must be an integer from 0 to 300.',
  discoveryFailed: (issuer: string, why: string) =>
    `Cannot read the metadata of authorization server ${issuer}: ${why}`,
  issuerMismatch: (issuer: string, found: unknown) =>
    `The metadata of authorization server ${issuer} names issuer ${JSON.stringify(found)}; refusing it (mix-up defence).`,
  noIntrospectionEndpoint: (issuer: string) =>
    `Authorization server ${issuer} publishes no introspection_endpoint; set oauth.introspection.endpoint.`,
} as const;
