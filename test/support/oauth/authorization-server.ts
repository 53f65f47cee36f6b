import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { Provider } from 'oidc-provider';

/** A client the test authorization server knows (client credentials, secret basic). */
export interface TestClient {
  clientId: string;
  clientSecret: string;
  /** Scopes this client may ever be granted (step-up cannot go beyond them). */
  scope: string;
}

/** A public client (no secret) using authorization code + PKCE, redirecting to loopback. */
export interface TestPublicClient {
  clientId: string;
  redirectUri: string;
  scope: string;
}

export interface TestAuthorizationServerOptions {
  clients: TestClient[];
  /** Public clients for the authorization code flow; turns on the provider's dev login pages. */
  publicClients?: TestPublicClient[];
  /** Every scope the server knows. */
  scopes: string[];
  /** Access-token format for every resource (default `jwt`). */
  format?: 'jwt' | 'opaque';
  /** Access-token lifetime in seconds (default 300). */
  ttlSec?: number;
}

export interface TestAuthorizationServer {
  /** Issuer identifier, `http://127.0.0.1:PORT`. */
  issuer: string;
  /** The ES256 signing key (private), for forging test tokens with the real key. */
  privateKey: CryptoKey;
  /** Its public JWK (with `kid`), as served at `jwks_uri`. */
  publicJwk: JWK;
  /** A client-credentials token for `resource` with `scope`, straight from the token endpoint. */
  token: (client: TestClient, resource: string, scope?: string) => Promise<string>;
  /** How many token requests were served. */
  readonly tokenRequests: number;
  /** How many introspection requests were served. */
  readonly introspections: number;
  close: () => Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider`) on a free loopback port: client credentials, JWT
 * (or opaque) access tokens bound to a resource indicator (RFC 8707), introspection
 * (RFC 7662). Keys are generated at start.
 */
export async function startAuthorizationServer(
  options: TestAuthorizationServerOptions,
): Promise<TestAuthorizationServer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `test-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };

  let handler: Parameters<typeof createServer>[1] = (_req, res) => res.end();
  let tokenRequests = 0;
  let introspections = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/token/introspection')) introspections += 1;
    else if (req.url?.startsWith('/token')) tokenRequests += 1;
    handler!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const scopeSet = new Set(options.scopes);

  const provider = new Provider(issuer, {
    clients: [
      ...(options.publicClients ?? []).map((c) => ({
        client_id: c.clientId,
        application_type: 'native',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [c.redirectUri],
        scope: c.scope,
        token_endpoint_auth_method: 'none',
        id_token_signed_response_alg: 'ES256',
      })),
      ...options.clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: c.scope,
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      })),
    ],
    jwks: { keys: [privateJwk] },
    scopes: [...scopeSet],
    ttl: { ClientCredentials: options.ttlSec ?? 300 },
    features: {
      // Its built-in login and consent forms: any login name is accepted (test only).
      devInteractions: { enabled: (options.publicClients ?? []).length > 0 },
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: async () => true },
      resourceIndicators: {
        enabled: true,
        // Every resource the client names is a resource server of ours, with every scope.
        getResourceServerInfo: () => ({
          scope: [...scopeSet].join(' '),
          accessTokenFormat: options.format ?? 'jwt',
          accessTokenTTL: options.ttlSec ?? 300,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  });
  provider.proxy = false;
  handler = provider.callback();

  async function token(client: TestClient, resource: string, scope?: string): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', resource });
    if (scope) body.set('scope', scope);
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    const json = (await res.json()) as { access_token?: string; error?: string };
    if (!json.access_token) throw new Error(`token request failed: ${JSON.stringify(json)}`);
    return json.access_token;
  }

  return {
    issuer,
    privateKey,
    publicJwk,
    token,
    get tokenRequests() {
      return tokenRequests;
    },
    get introspections() {
      return introspections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
