import { SecurityMessages } from '../security.messages.js';

/**
 * Normalises a configured public base URL to `scheme://host[:port][/prefix]` without a trailing
 * slash. Throws (a configuration error) for anything but an absolute http(s) URL.
 */
export function normalisePublicBaseUrl(publicBaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicBaseUrl);
  } catch {
    throw new Error(SecurityMessages.invalidPublicBaseUrl(publicBaseUrl));
  }
  const plain = url.protocol === 'http:' || url.protocol === 'https:';
  if (!plain || url.username || url.password || /[?#]/.test(url.href)) {
    throw new Error(SecurityMessages.invalidPublicBaseUrl(publicBaseUrl));
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * The `@target-uri` of a request (RFC 9421 §7.4.3): the configured public base URL plus the
 * path and query exactly as received (`req.originalUrl`), never Host or X-Forwarded-*.
 * The server and `createSignedFetch` both use it, so they agree byte for byte.
 *
 * @example
 * resolveTargetUri('https://api.example.com', '/mcp?x=1') // 'https://api.example.com/mcp?x=1'
 */
export function resolveTargetUri(publicBaseUrl: string, pathAndQuery: string): string {
  const path = pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`;
  return normalisePublicBaseUrl(publicBaseUrl) + path;
}
