import contentType from 'content-type';
import Negotiator from 'negotiator';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Lower-cases a Host value and drops a default port, keeping IPv6 brackets. */
export function normaliseHost(host: string, defaultPort: number): string {
  const lower = host.trim().toLowerCase();
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(lower);
  if (!match) return lower;
  const [, name, port] = match;
  return port === undefined || Number(port) === defaultPort ? name : `${name}:${port}`;
}

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * Hosts allowed by default: when the socket is bound to loopback, the loopback names on the
 * bound port (DNS-rebinding defence); otherwise none are implied and `allowedHosts` decides.
 */
export function isHostAllowed(
  req: IncomingMessage,
  allowed: ReadonlySet<string> | undefined,
): boolean {
  const host = req.headers.host;
  if (!host) return false;
  if (allowed) return allowed.has(normaliseHost(host, 80));
  if (!isLoopbackAddress(req.socket.localAddress)) return true;
  const port = req.socket.localPort;
  const normal = normaliseHost(host, 80);
  return LOOPBACK_NAMES.some((name) => normal === name || normal === `${name}:${port}`);
}

/**
 * Exact `scheme://host[:port]` match against the allowlist. Without one, a loopback-bound
 * server accepts only loopback origins on its own port.
 */
export function isOriginAllowed(
  req: IncomingMessage,
  allowed: ReadonlySet<string> | undefined,
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (origin === 'null' || url.origin === 'null') return false;
  if (allowed) return allowed.has(url.origin);
  if (!isLoopbackAddress(req.socket.localAddress)) return false;
  const port = String(req.socket.localPort);
  return url.protocol === 'http:' && LOOPBACK_NAMES.includes(url.hostname) && url.port === port;
}

/** `application/json` with no charset or utf-8. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  try {
    const parsed = contentType.parse(header);
    const charset = parsed.parameters.charset?.toLowerCase();
    return parsed.type === 'application/json' && (charset === undefined || charset === 'utf-8');
  } catch {
    return false;
  }
}

const acceptCache = new Map<string, string[]>();
const ACCEPT_CACHE_MAX = 256;

/**
 * The media types of `offered` that the request's Accept header allows. Clients send the same
 * few Accept values over and over, so answers are cached per value (bounded).
 */
export function acceptedTypes(req: IncomingMessage, offered: string[]): string[] {
  const accept = req.headers.accept;
  if (!accept) return [];
  const key = `${offered.join(',')}\u0000${accept}`;
  let types = acceptCache.get(key);
  if (!types) {
    types = new Negotiator(req).mediaTypes(offered);
    if (acceptCache.size >= ACCEPT_CACHE_MAX) acceptCache.clear();
    acceptCache.set(key, types);
  }
  return types;
}

/** Header lines Node folds into one value but that must appear once (SIGNING.md §1). */
export const SINGLETON_HEADERS = [
  'host',
  'authorization',
  'content-type',
  'content-length',
  'content-digest',
  'signature-input',
  'signature',
  'mcp-session-id',
  'mcp-protocol-version',
  'mcp-method',
  'mcp-name',
];

export function hasDuplicateSingleton(req: IncomingMessage): string | undefined {
  const distinct = req.headersDistinct;
  return SINGLETON_HEADERS.find((name) => (distinct[name]?.length ?? 0) > 1);
}

/** A single header value (first line), or undefined. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Whether the body is sent as is (`Content-Encoding` absent or identity). A compressed body
 * would be inflated by body parsers, so the raw bytes would not be the ones signed.
 */
export function hasIdentityEncoding(req: IncomingMessage): boolean {
  const encoding = header(req, 'content-encoding');
  return encoding === undefined || encoding.trim().toLowerCase() === 'identity';
}
