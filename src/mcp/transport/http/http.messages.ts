/**
 * Texts the HTTP transports answer refused requests with (the JSON-RPC `error.message`), and
 * their log lines. Clients and tests read some of them: change none without need.
 */
export const HttpMessages = {
  // The front door: checks every request passes before its body is read.
  duplicateHeader: (name: string) => `Bad Request: duplicate ${name} header`,
  absoluteFormTarget: () => 'Bad Request: absolute-form request target',
  nonCanonicalTarget: () => 'Not Found: non-canonical request target',
  hostNotAllowed: () => 'Forbidden: Host not allowed',
  originNotAllowed: () => 'Forbidden: Origin not allowed',
  methodNotAllowed: () => 'Method Not Allowed',
  shuttingDown: () => 'Service Unavailable: shutting down',

  // Media types and the body.
  contentEncodingNotIdentity: () => 'Unsupported Media Type: Content-Encoding must be identity',
  contentTypeNotJson: () => 'Unsupported Media Type: Content-Type must be application/json',
  acceptJsonAndSse: () =>
    'Not Acceptable: Accept must include application/json and text/event-stream',
  acceptSse: () => 'Not Acceptable: Accept must include text/event-stream',
  payloadTooLarge: () => 'Payload Too Large',
  bodyTooLarge: () => 'Request body too large',
  bodyUnreadable: () => 'The server could not read the request body',
  rawBodyReaderNotFirst: () =>
    'Could not place the raw-body reader first; create the app with { rawBody: true }',

  // Sessions and streams (session era, legacy SSE).
  unsupportedProtocolVersion: (version: string, supported: readonly string[]) =>
    `Bad Request: Unsupported protocol version ${version} (supported: ${supported.join(', ')})`,
  sessionIdRequired: () => 'Bad Request: Mcp-Session-Id header is required',
  sessionAlreadyInitialized: () => 'The session is already initialized',
  tooManySessionsForClient: () => 'Too many sessions for this client',
  tooManySessions: () => 'Too many sessions; retry later',
  getStreamOpen: () => 'This session already has a GET stream open',
  malformedLastEventId: () => 'Bad Request: malformed Last-Event-ID',
  unknownLastEventId: () => 'Unknown Last-Event-ID',
  clientRequestsNeedSession: () => 'server→client requests need the session era',

  // Stateless era: headers that mirror the body (SEP-2243).
  headerMismatch: (detail: string) => `Header mismatch: ${detail}`,
  malformedBase64Header: () => 'malformed base64 header value',
  methodHeaderRequired: () => 'Mcp-Method header is required',
  methodHeaderDiffers: (header: string, body: string) =>
    `Mcp-Method "${header}" does not match body method "${body}"`,
  nameHeaderRequired: () => 'Mcp-Name header is required',
  nameHeaderDiffers: (header: string, body: string) =>
    `Mcp-Name "${header}" does not match body value "${body}"`,
  paramHeaderRequired: (header: string, path: string) =>
    `${header} header is required for argument ${path}`,
  paramHeaderDiffers: (header: string, path: string) => `${header} does not match argument ${path}`,
} as const;
