/** What a signature base is computed from: the request as the verifier (or signer) knows it. */
export interface SignatureMessage {
  method: string;
  /** The full target URI, used verbatim for `@target-uri`. */
  targetUri: string;
  /** Lower-cased field names, every line kept. */
  headers: Record<string, readonly string[]>;
}

/** scheme "://" authority, then the raw path and query, without any normalisation. */
const URI_PARTS = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^?#]*)(\?[^#]*)?$/;

/**
 * The value of a derived component (RFC 9421 §2.2), taken from the message's method and target
 * URI only: never from a header, even one named like the component. Path and query stay raw,
 * so `/%6Dcp` and `//mcp` differ from `/mcp` exactly as they did on the wire.
 */
export function derivedComponent(name: string, message: SignatureMessage): string | undefined {
  const raw = URI_PARTS.exec(message.targetUri);
  if (raw === null) return undefined;
  const path = raw[1] === '' ? '/' : raw[1];
  const query = raw[2];
  switch (name) {
    case '@method':
      return message.method;
    case '@target-uri':
      return message.targetUri;
    case '@authority':
      return parsedUrl(message.targetUri)?.host;
    case '@scheme':
      return parsedUrl(message.targetUri)?.protocol.slice(0, -1);
    case '@path':
      return path;
    case '@query':
      return query ?? '?';
    case '@request-target':
      return path + (query ?? '');
    default:
      return undefined;
  }
}

/** A field's value per RFC 9421 §2.1: each line trimmed, lines joined with ", ". */
export function fieldValue(
  name: string,
  headers: Record<string, readonly string[]>,
): string | undefined {
  const lines = Object.hasOwn(headers, name) ? headers[name] : undefined;
  if (lines === undefined || lines.length === 0) return undefined;
  return lines.map((line) => line.replace(/^[ \t]+|[ \t]+$/g, '')).join(', ');
}

/** WHATWG parsing lower-cases the host and drops a default port, as `@authority` requires. */
function parsedUrl(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}
