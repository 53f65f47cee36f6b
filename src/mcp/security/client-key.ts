import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { McpPrincipal } from './principal.interface.js';
import { principalKey } from './principal.key.js';

/**
 * Whom limits and quotas count a request against: an anonymous caller by its address, an
 * authenticated one by its principal, and the local user of a stdio server not at all.
 */
export interface ClientKey {
  readonly kind: 'anonymous' | 'principal' | 'local';
  /** The text it counts under in limiter and store keys (unique across kinds). */
  readonly value: string;
}

/** The stdio server's one client: the user who started the process. */
export const LOCAL_CLIENT_KEY: ClientKey = Object.freeze({ kind: 'local', value: 'local:stdio' });

/** The client key of an HTTP request. */
export function clientKeyOf(req: IncomingMessage, principal: McpPrincipal): ClientKey {
  return principal.kind === 'anonymous'
    ? { kind: 'anonymous', value: `anon:${clientAddress(req)}` }
    : { kind: 'principal', value: principalKey(principal) };
}

const ADDRESS = Symbol('mcp.clientAddress');
type AddressedRequest = IncomingMessage & {
  ip?: string;
  [ADDRESS]?: { bits: number; address: string };
};

/** The client's address, IPv6 grouped by subnet (an attacker rotating inside a /64 is one client). */
export function clientAddress(req: IncomingMessage, ipv6SubnetBits = 64): string {
  // Asked several times per request (limits, client key): worked out once. Express's `req.ip`
  // is a getter that walks the proxy chain on every read.
  const memo = (req as AddressedRequest)[ADDRESS];
  if (memo?.bits === ipv6SubnetBits) return memo.address;
  const address = addressOf(req, ipv6SubnetBits);
  (req as AddressedRequest)[ADDRESS] = { bits: ipv6SubnetBits, address };
  return address;
}

function addressOf(req: AddressedRequest, ipv6SubnetBits: number): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  if (ip.startsWith('::ffff:')) return ip.slice(7);
  if (!ip.includes(':') || !isIPv6(ip)) return ip;
  return `${maskIpv6(expandIpv6(ip), ipv6SubnetBits)}/${ipv6SubnetBits}`;
}

/** The first `bits` bits of the address, the rest zeroed (a /56 keeps 3½ groups, not 4). */
function maskIpv6(groups: string[], bits: number): string {
  const prefix = Math.max(0, Math.min(128, Math.floor(bits)));
  return groups
    .map((group, i) => {
      const keep = Math.max(0, Math.min(16, prefix - i * 16));
      const mask = keep === 0 ? 0 : (0xffff << (16 - keep)) & 0xffff;
      return (parseInt(group, 16) & mask).toString(16);
    })
    .join(':');
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = new Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...middle, ...right].map((g) => g.toLowerCase().padStart(4, '0'));
}
