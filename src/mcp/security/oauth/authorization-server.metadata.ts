import { OAuthMessages } from './oauth.messages.js';

const TIMEOUT_MS = 5000;

/**
 * The metadata of an authorization server: RFC 8414 (`/.well-known/oauth-authorization-server`,
 * inserted before the issuer's path) first, then OpenID Connect Discovery
 * (`<issuer>/.well-known/openid-configuration`). The document must name the same issuer.
 */
export async function fetchAuthorizationServerMetadata(
  issuer: string,
  fetchFn: typeof fetch = fetch,
): Promise<Record<string, unknown>> {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  const candidates = [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ];
  let why = 'no metadata document found';
  for (const candidate of candidates) {
    let res: Response;
    try {
      res = await fetchFn(candidate, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      why = (error as Error).message;
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      why = `HTTP ${res.status} from ${candidate}`;
      continue;
    }
    const metadata = (await res.json()) as Record<string, unknown>;
    if (metadata.issuer !== issuer)
      throw new Error(OAuthMessages.issuerMismatch(issuer, metadata.issuer));
    return metadata;
  }
  throw new Error(OAuthMessages.discoveryFailed(issuer, why));
}
