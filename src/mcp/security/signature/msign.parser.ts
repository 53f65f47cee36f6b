import { KEYID_PATTERN, NONCE_PATTERN } from './signature.constants.js';
import { malformed } from './verification.failure.js';
import type { VerificationFailure } from './signature.types.js';

/** The credentials of an `Authorization: MSign …` header. */
export interface MsignCredentials {
  keyid: string;
  created: number;
  nonce: string;
  signature: Buffer;
}

const SCHEME = /^MSign +/iy;
const NAME = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
/** RFC 9110 quoted-string restricted to ASCII: no obs-text, so no non-ASCII keyids slip in. */
const QUOTED = /"((?:[\t\x20\x21\x23-\x5B\x5D-\x7E]|\\[\t\x20-\x7E])*)"/y;
const SEPARATOR = /[ \t]*,[ \t]*/y;
const PARAMS = ['keyid', 'created', 'nonce', 'sig'] as const;
const CREATED = /^[0-9]{1,10}$/;
const SIG = /^:([A-Za-z0-9+/]+={0,2}):$/;

/** Whether an Authorization line uses the MSign scheme (scheme names are case-insensitive). */
export function isMsignAuthorization(line: string): boolean {
  return /^msign(?:[ \t]|$)/i.test(line);
}

/**
 * Parses `MSign keyid="…", created=…, nonce="…", sig=":…:"` strictly (docs/signing.md §5): each
 * parameter exactly once, none unknown, no whitespace around `=`, `created` as 1–10 ASCII
 * digits, `sig` canonical base64 of 32 or 64 bytes. Every violation is malformed (400).
 */
export function parseMsign(line: string): MsignCredentials | VerificationFailure {
  const values = readAuthParams(line.trimEnd());
  if (typeof values === 'string') return malformed(`MSign: ${values}`);
  const { keyid, created, nonce, sig } = values;
  if (!KEYID_PATTERN.test(keyid)) return malformed('MSign: bad keyid');
  if (!CREATED.test(created)) return malformed('MSign: created is not 1-10 ASCII digits');
  if (!NONCE_PATTERN.test(nonce)) return malformed('MSign: bad nonce');
  const b64 = SIG.exec(sig)?.[1] ?? '';
  const signature = Buffer.from(b64, 'base64');
  if (signature.toString('base64') !== b64 || ![32, 64].includes(signature.length)) {
    return malformed('MSign: sig is not canonical base64 of 32 or 64 bytes');
  }
  return { keyid, created: Number(created), nonce, signature };
}

type MsignValues = Record<(typeof PARAMS)[number], string>;

/** The auth-params as a name → value record, or the syntax error found. */
function readAuthParams(line: string): MsignValues | string {
  SCHEME.lastIndex = 0;
  if (!SCHEME.test(line)) return 'not an MSign header';
  const found = new Map<string, string>();
  let pos = SCHEME.lastIndex;
  for (;;) {
    const name = sticky(NAME, line, pos);
    if (name === undefined || line[name.end] !== '=') return 'expected name=value';
    const key = name.text.toLowerCase();
    const quoted = sticky(QUOTED, line, name.end + 1);
    const value = quoted ?? sticky(NAME, line, name.end + 1);
    if (value === undefined) return `bad value for ${key}`;
    if (!(PARAMS as readonly string[]).includes(key)) return `unknown parameter ${key}`;
    if (found.has(key)) return `duplicate parameter ${key}`;
    found.set(key, quoted ? value.text.slice(1, -1).replace(/\\(.)/g, '$1') : value.text);
    if (value.end === line.length) break;
    const separator = sticky(SEPARATOR, line, value.end);
    if (separator === undefined || separator.end === line.length) return 'bad separator';
    pos = separator.end;
  }
  const missing = PARAMS.find((param) => !found.has(param));
  return missing ? `missing parameter ${missing}` : (Object.fromEntries(found) as MsignValues);
}

function sticky(re: RegExp, text: string, at: number): { text: string; end: number } | undefined {
  re.lastIndex = at;
  const match = re.exec(text);
  return match === null ? undefined : { text: match[0], end: re.lastIndex };
}
