import {
  LATEST_SESSION_VERSION,
  STATELESS_ERA_VERSIONS,
} from '../../../src/mcp/config/mcp.constants.js';

/** The session-era version raw clients speak: the newest the library serves. */
export const SESSION_VERSION = LATEST_SESSION_VERSION;
/** The stateless-era version raw clients speak: the newest the library serves. */
export const STATELESS_VERSION = STATELESS_ERA_VERSIONS[STATELESS_ERA_VERSIONS.length - 1];

/** Accept header every Streamable HTTP POST must carry. */
export const ACCEPT_BOTH = 'application/json, text/event-stream';

export const JSON_POST_HEADERS = {
  'content-type': 'application/json',
  accept: ACCEPT_BOTH,
} as const;

/** `clientInfo` of the hand-made requests. */
export const RAW_CLIENT_INFO = { name: 'raw-e2e', version: '1.0.0' } as const;
