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

// A server listens on a few addresses: the answer is kept per address (isIP runs a regex).
const loopbackCache = new Map<string, boolean>();

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  let loopback = loopbackCache.get(address);
  if (loopback === undefined) {
    const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
    loopback = address === '::1' || (isIP(v4) === 4 && v4.startsWith('127.'));
    if (loopbackCache.size >= 64) loopbackCache.clear();
    loopbackCache.set(address, loopback);
  }
  return loopback;
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
  // A keep-alive connection sends the same Host on every request: judged once per connection.
  const socket = req.socket as HostJudgedSocket;
  const last = socket[HOST_VERDICT];
  if (last?.host === host && last.allowed === allowed) return last.ok;
  const ok = judgeHost(req, host, allowed);
  socket[HOST_VERDICT] = { host, allowed, ok };
  return ok;
}

const HOST_VERDICT = Symbol('mcp.hostVerdict');
type HostJudgedSocket = IncomingMessage['socket'] & {
  [HOST_VERDICT]?: { host: string; allowed: ReadonlySet<string> | undefined; ok: boolean };
};

function judgeHost(
  req: IncomingMessage,
  host: string,
  allowed: ReadonlySet<string> | undefined,
): boolean {
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

// Clients send the same few Content-Type and Accept values over and over: the parsed
// answers are kept per value (bounded), so a call pays a map lookup, not a parse.
const HEADER_CACHE_MAX = 256;

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= HEADER_CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

const jsonTypeCache = new Map<string, boolean>();

function parseJsonContentType(header: string): boolean {
  try {
    const parsed = contentType.parse(header);
    const charset = parsed.parameters.charset?.toLowerCase();
    return parsed.type === 'application/json' && (charset === undefined || charset === 'utf-8');
  } catch {
    return false;
  }
}

/** `application/json` with no charset or utf-8. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  return jsonTypeCache.get(header) ?? remember(jsonTypeCache, header, parseJsonContentType(header));
}

const acceptCaches = new WeakMap<readonly string[], Map<string, string[]>>();

/**
 * The media types of `offered` that the request's Accept header allows, cached per Accept
 * value for each `offered` list (pass a constant list).
 */
export function acceptedTypes(req: IncomingMessage, offered: readonly string[]): string[] {
  const accept = req.headers.accept;
  if (!accept) return [];
  let cache = acceptCaches.get(offered);
  if (!cache) acceptCaches.set(offered, (cache = new Map<string, string[]>()));
  return cache.get(accept) ?? remember(cache, accept, new Negotiator(req).mediaTypes([...offered]));
}

/** Header lines Node folds into one value but that must appear once (docs/signing.md §4.1). */
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

const SINGLETONS: ReadonlySet<string> = new Set(SINGLETON_HEADERS);

/**
 * The first singleton header sent more than once. Reads `rawHeaders` (name, value, …) rather
 * than `headersDistinct`, which Node builds as a new object of arrays on first access.
 */
export function hasDuplicateSingleton(req: IncomingMessage): string | undefined {
  const raw = req.rawHeaders;
  let seen: string[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!SINGLETONS.has(name)) continue;
    if (seen?.includes(name)) return name;
    (seen ??= []).push(name);
  }
  return undefined;
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
