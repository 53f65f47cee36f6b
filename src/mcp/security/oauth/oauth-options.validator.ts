import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { DEFAULT_TOKEN_ALGORITHMS } from './jwt-token.verifier.js';
import { OAuthMessages } from './oauth.messages.js';

const plainUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !/[?#]/.test(value);
  } catch {
    return false;
  }
};

/** Fails boot on `oauth` options that cannot work, with a message that says the fix. */
export function assertValidOAuthOptions(options: McpModuleOptions): void {
  const oauth = options.oauth;
  if (!oauth) return;
  if (!Array.isArray(oauth.authorizationServers) || oauth.authorizationServers.length === 0)
    throw new Error(OAuthMessages.noAuthorizationServers());
  for (const issuer of oauth.authorizationServers)
    if (!plainUrl(issuer)) throw new Error(OAuthMessages.badIssuer(issuer));
  if (!oauth.resource && !oauth.publicBaseUrl && !options.signing?.publicBaseUrl)
    throw new Error(OAuthMessages.noPublicBaseUrl());
  for (const alg of oauth.algorithms ?? [])
    if (!DEFAULT_TOKEN_ALGORITHMS.includes(alg)) throw new Error(OAuthMessages.badAlgorithm(alg));
  const skew = oauth.clockSkewSec;
  if (skew !== undefined && !(Number.isInteger(skew) && skew >= 0 && skew <= 300))
    throw new Error(OAuthMessages.badSkew());
}
