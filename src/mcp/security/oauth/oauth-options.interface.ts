import type { TokenVerifier } from './token-verifier.interface.js';

/** RFC 7662 token introspection, for opaque (non-JWT) access tokens. */
export interface McpIntrospectionOptions {
  /** The introspection endpoint; default: `introspection_endpoint` of the first authorization server's metadata. */
  endpoint?: string;
  /** This resource server's client credentials at the authorization server (HTTP Basic). */
  clientId: string;
  clientSecret: string;
  /** How long an answer is reused, ms (default 30 s, never past the token's `exp`). */
  cacheTtlMs?: number;
  /** How many answers are kept at most (default 10 000). */
  maxCacheEntries?: number;
}

/**
 * OAuth 2.1 bearer tokens (the MCP authorization spec): this server is a resource server that
 * accepts access tokens issued for it by the configured authorization servers.
 *
 * @example
 * oauth: {
 *   authorizationServers: ['https://login.example.com/realms/acme'],
 *   publicBaseUrl: 'https://api.example.com',
 *   rolesClaim: 'realm_access.roles',
 * }
 */
export interface McpOAuthOptions {
  /**
   * Issuer identifiers of the authorization servers whose tokens are accepted (exact `iss`
   * values). Listed as `authorization_servers` in the protected resource metadata.
   */
  authorizationServers: string[];
  /**
   * Public base URL of this server (`https://api.example.com`). The canonical resource URI is
   * this plus the app's global prefix and the MCP path. Default: `signing.publicBaseUrl`.
   */
  publicBaseUrl?: string;
  /** The canonical resource URI itself, when it cannot be derived (default: see `publicBaseUrl`). */
  resource?: string;
  /**
   * Further audiences accepted besides the resource URI (e.g. Entra ID's `api://<app-id>`).
   * A token whose `aud` holds none of them is refused.
   */
  audiences?: string[];
  /**
   * Base scopes every client needs: named in the `scope` of 401 challenges (with the scopes of
   * the entry the request targets) and listed in `scopes_supported` with the tools' scopes.
   */
  scopes?: string[];
  /** Dot path of the claim holding roles (default `roles`; Keycloak: `realm_access.roles`). */
  rolesClaim?: string;
  /** JWS algorithms accepted (default: RS256/384/512, PS256/384/512, ES256/384/512, EdDSA). Never `none` or HS*. */
  algorithms?: string[];
  /** Clock skew tolerated on `exp`/`nbf`/`iat`, seconds (default 30, at most 300). */
  clockSkewSec?: number;
  /** Opaque tokens: RFC 7662 introspection. Without it only JWT access tokens are accepted. */
  introspection?: McpIntrospectionOptions;
  /** Your own verifier (e.g. wrapping a Passport strategy) instead of JWKS/introspection. */
  verifier?: TokenVerifier;
  /** Answer `Unknown tool` instead of 403 when a token lacks a tool's scope or role. */
  hideUnauthorizedTools?: boolean;
  /**
   * Let callers without any credential use public entries (default true). Set it to false when
   * every client is an OAuth client: they then authenticate from their first request, so a
   * session-era session is opened by (and bound to) the token's principal.
   */
  allowAnonymous?: boolean;
  /** `resource_name` in the metadata (default: `serverInfo.title` or `name`). */
  resourceName?: string;
  /** `resource_documentation` in the metadata: a page for humans. */
  resourceDocumentation?: string;
}
