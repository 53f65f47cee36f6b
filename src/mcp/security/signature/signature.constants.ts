/** The `tag` that marks this profile's signature among others on the same request. */
export const MCP_SIGNATURE_TAG = 'mcp';
/** The `tag` of the base an MSign header carries. */
export const MCP_MSIGN_TAG = 'mcp-msign';

/** Limits that keep parsing cheap and bounded (docs/signing.md §4.1). */
export const MAX_SIGNATURE_INPUT_BYTES = 4096;
/** The Signature field holds one 64-byte value per label; 8 KB leaves room for foreign labels. */
export const MAX_SIGNATURE_BYTES = 8192;
/** At most this many covered components per signature. */
export const MAX_COVERED_COMPONENTS = 16;

/** keyid: 1–128 characters that need no quoting or escaping anywhere (logs, MSign, SF). */
export const KEYID_PATTERN = /^[A-Za-z0-9._:~-]{1,128}$/;
/** base64url without padding, 22–86 chars: at least 128 bits of entropy. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{22,86}$/;

/** Headers that must be covered whenever the request carries them (docs/signing.md §4.3). */
export const COVER_WHEN_PRESENT = [
  'mcp-session-id',
  'mcp-protocol-version',
  'last-event-id',
  'authorization',
  'mcp-method',
  'mcp-name',
] as const;

/** Signature parameters the profile understands; any other one is rejected. */
export const KNOWN_SIGNATURE_PARAMS = new Set([
  'created',
  'expires',
  'nonce',
  'alg',
  'keyid',
  'tag',
]);

/** Default policy windows, in seconds. */
export const DEFAULT_MAX_AGE_SEC = 300;
/** Default tolerated clock skew for `created` in the future, in seconds. */
export const DEFAULT_FUTURE_SKEW_SEC = 30;
