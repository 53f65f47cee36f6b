import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  acceptedTypes,
  hasDuplicateSingleton,
  header,
  isHostAllowed,
  isJsonContentType,
  isOriginAllowed,
  normaliseHost,
} from './http-checks.js';

interface FakeRequest {
  headers?: Record<string, string | string[]>;
  headersDistinct?: Record<string, string[]>;
  localAddress?: string;
  localPort?: number;
}

/** The parts of IncomingMessage the checks read: headers and the bound socket address. */
function req({
  headers = {},
  headersDistinct = {},
  localAddress = '127.0.0.1',
  localPort = 3000,
}: FakeRequest) {
  return {
    headers,
    headersDistinct,
    // As Node keeps them: name, value, name, value…, names in the case the client sent.
    rawHeaders: Object.entries(headersDistinct).flatMap(([name, values]) =>
      values.flatMap((value) => [name, value]),
    ),
    socket: { localAddress, localPort },
  } as unknown as IncomingMessage;
}

const hostOn = (host: string, localAddress = '127.0.0.1') =>
  req({ headers: { host }, localAddress });
const originOn = (origin: string, localAddress = '127.0.0.1') =>
  req({ headers: { origin }, localAddress });

describe('normaliseHost', () => {
  it.each([
    ['LOCALHOST:80', 80, 'localhost'],
    ['localhost:3000', 80, 'localhost:3000'],
    ['  Example.COM  ', 80, 'example.com'],
    ['example.com:443', 443, 'example.com'],
    ['example.com:443', 80, 'example.com:443'],
    ['[::1]:80', 80, '[::1]'],
    ['[::1]:3000', 80, '[::1]:3000'],
    ['bad:host:name', 80, 'bad:host:name'],
  ])('normalises %j (default port %i) to %j', (host, port, expected) => {
    expect(normaliseHost(host, port)).toBe(expected);
  });
});

describe('isHostAllowed', () => {
  it('refuses a request without Host', () => {
    expect(isHostAllowed(req({}), undefined)).toBe(false);
  });

  it.each(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LocalHost:3000', 'localhost'])(
    'accepts the loopback name %s on a loopback-bound server',
    (host) => {
      expect(isHostAllowed(hostOn(host), undefined)).toBe(true);
    },
  );

  it.each(['evil.example:3000', 'localhost:4000', 'localhost.evil.example:3000', '127.0.0.2:3000'])(
    'refuses %s on a loopback-bound server (DNS rebinding)',
    (host) => {
      expect(isHostAllowed(hostOn(host), undefined)).toBe(false);
    },
  );

  it('treats IPv4-mapped and IPv6 loopback sockets as loopback', () => {
    expect(isHostAllowed(hostOn('evil.example:3000', '::ffff:127.0.0.1'), undefined)).toBe(false);
    expect(isHostAllowed(hostOn('evil.example:3000', '::1'), undefined)).toBe(false);
    expect(isHostAllowed(hostOn('localhost:3000', '::1'), undefined)).toBe(true);
  });

  it('implies no host restriction on a non-loopback socket without an allowlist', () => {
    expect(isHostAllowed(hostOn('api.example.com', '10.0.0.5'), undefined)).toBe(true);
  });

  it('lets an allowlist decide, on any socket', () => {
    const allowed = new Set(['api.example.com', 'localhost:3000']);
    expect(isHostAllowed(hostOn('API.example.com:80', '10.0.0.5'), allowed)).toBe(true);
    expect(isHostAllowed(hostOn('api.example.com:8080', '10.0.0.5'), allowed)).toBe(false);
    expect(isHostAllowed(hostOn('other.example.com', '10.0.0.5'), allowed)).toBe(false);
    expect(isHostAllowed(hostOn('127.0.0.1:3000'), allowed)).toBe(false);
    expect(isHostAllowed(hostOn('localhost:3000'), allowed)).toBe(true);
  });

  it('judges each Host a connection sends, whatever it sent before', () => {
    const socket = { localAddress: '127.0.0.1', localPort: 3000 };
    const on = (host: string) => ({ headers: { host }, socket }) as unknown as IncomingMessage;
    expect(isHostAllowed(on('localhost:3000'), undefined)).toBe(true);
    expect(isHostAllowed(on('localhost:3000'), undefined)).toBe(true);
    expect(isHostAllowed(on('evil.example:3000'), undefined)).toBe(false);
    expect(isHostAllowed(on('evil.example:3000'), new Set(['evil.example:3000']))).toBe(true);
    expect(isHostAllowed(on('localhost:3000'), new Set(['api.example.com']))).toBe(false);
    expect(isHostAllowed(on('localhost:3000'), undefined)).toBe(true);
  });
});

describe('isOriginAllowed', () => {
  it('accepts requests without Origin (non-browser clients)', () => {
    expect(isOriginAllowed(req({}), undefined)).toBe(true);
    expect(isOriginAllowed(req({ localAddress: '10.0.0.5' }), new Set())).toBe(true);
  });

  it('refuses the null origin and unparsable origins, even when allowlisted', () => {
    const allowed = new Set(['null']);
    expect(isOriginAllowed(originOn('null'), allowed)).toBe(false);
    expect(isOriginAllowed(originOn('null'), undefined)).toBe(false);
    expect(isOriginAllowed(originOn('not a url'), undefined)).toBe(false);
    expect(
      isOriginAllowed(originOn('file:///etc/passwd'), new Set(['file://'])),
      'opaque file origin',
    ).toBe(false);
  });

  it.each(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])(
    'accepts the loopback origin %s on its own port',
    (origin) => {
      expect(isOriginAllowed(originOn(origin), undefined)).toBe(true);
    },
  );

  it.each([
    'https://localhost:3000',
    'http://localhost:3001',
    'http://localhost',
    'http://evil.example:3000',
    'http://localhost.evil.example:3000',
  ])('refuses %s on a loopback-bound server without allowlist', (origin) => {
    expect(isOriginAllowed(originOn(origin), undefined)).toBe(false);
  });

  it('refuses every origin on a non-loopback socket without an allowlist', () => {
    expect(isOriginAllowed(originOn('http://localhost:3000', '10.0.0.5'), undefined)).toBe(false);
  });

  it('matches the allowlist exactly on scheme, host and port', () => {
    const allowed = new Set(['https://app.example', 'http://app.example:8080']);
    const on = (origin: string) => isOriginAllowed(originOn(origin, '10.0.0.5'), allowed);
    expect(on('https://app.example')).toBe(true);
    expect(on('https://app.example:443')).toBe(true);
    expect(on('HTTPS://APP.EXAMPLE')).toBe(true);
    expect(on('http://app.example:8080')).toBe(true);
    expect(on('http://app.example')).toBe(false);
    expect(on('https://app.example:8443')).toBe(false);
    expect(on('https://app.example:8080')).toBe(false);
    expect(on('https://app.example.evil')).toBe(false);
    expect(on('https://sub.app.example')).toBe(false);
  });
});

describe('isJsonContentType', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON; charset="UTF-8"',
  ])('accepts %s', (value) => {
    expect(isJsonContentType(value)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'text/json',
    'application/json-patch+json',
    'application/jsonx',
    'application/json; charset=latin1',
    'application/',
    'application/json; charset=utf-16',
  ])('refuses %s', (value) => {
    expect(isJsonContentType(value)).toBe(false);
  });
});

describe('acceptedTypes', () => {
  const offered = ['application/json', 'text/event-stream'];
  const accepting = (accept?: string) =>
    acceptedTypes(req({ headers: accept === undefined ? {} : { accept } }), offered);

  it('answers nothing without an Accept header', () => {
    expect(accepting(undefined)).toEqual([]);
  });

  it('parses media ranges and q-values instead of substring matching', () => {
    expect(accepting('application/json, text/event-stream').sort()).toEqual([...offered].sort());
    expect(accepting('*/*').sort()).toEqual([...offered].sort());
    expect(accepting('text/event-stream')).toEqual(['text/event-stream']);
    expect(accepting('application/json;q=0, text/event-stream')).toEqual(['text/event-stream']);
    expect(accepting('application/jsonl')).toEqual([]);
    expect(accepting('text/*')).toEqual(['text/event-stream']);
  });
});

describe('header and hasDuplicateSingleton', () => {
  it('reads the first line of a header', () => {
    expect(header(req({ headers: { 'x-a': ['1', '2'], 'x-b': 'b' } }), 'x-a')).toBe('1');
    expect(header(req({ headers: { 'x-b': 'b' } }), 'x-b')).toBe('b');
    expect(header(req({}), 'x-c')).toBeUndefined();
  });

  it('names a singleton header sent twice, and ignores repeatable ones', () => {
    expect(hasDuplicateSingleton(req({ headersDistinct: { 'mcp-method': ['a', 'b'] } }))).toBe(
      'mcp-method',
    );
    expect(
      hasDuplicateSingleton(req({ headersDistinct: { accept: ['a', 'b'], host: ['h'] } })),
    ).toBeUndefined();
  });

  it('matches header names in any case', () => {
    expect(
      hasDuplicateSingleton(req({ headersDistinct: { Host: ['a'], HOST: ['b'], Accept: ['c'] } })),
    ).toBe('host');
  });
});
