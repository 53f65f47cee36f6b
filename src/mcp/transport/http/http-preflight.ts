import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasDuplicateSingleton, isHostAllowed, isOriginAllowed } from './http-checks.js';
import { reject } from './http-response.writer.js';
import type { HttpSettings } from './http-settings.js';
import { HttpMessages } from './http.messages.js';

/**
 * The checks every MCP HTTP request passes first, cheapest and least revealing first.
 * Writes the rejection and returns false when one fails.
 */
export function preflight(
  req: IncomingMessage,
  res: ServerResponse,
  settings: HttpSettings,
): boolean {
  // Advertises nothing about the stack (Express sets it before any route runs).
  res.removeHeader('x-powered-by');
  const duplicate = hasDuplicateSingleton(req);
  if (duplicate) reject(res, 400, HttpMessages.duplicateHeader(duplicate));
  else if (/^[a-z][a-z0-9+.-]*:/i.test(req.url ?? ''))
    reject(res, 400, HttpMessages.absoluteFormTarget());
  else if (!isHostAllowed(req, settings.allowedHosts))
    reject(res, 403, HttpMessages.hostNotAllowed());
  else if (!isOriginAllowed(req, settings.allowedOrigins))
    reject(res, 403, HttpMessages.originNotAllowed());
  else {
    allowCors(req, res);
    return true;
  }
  return false;
}

const REQUEST_HEADERS =
  'content-type, accept, authorization, signature, signature-input, content-digest, mcp-session-id, mcp-protocol-version, last-event-id, mcp-method, mcp-name';
const EXPOSED_HEADERS = 'mcp-session-id, www-authenticate, accept-signature, retry-after';

/** A browser origin that passed the allowlist may read the answer and its MCP headers. */
function allowCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  res.setHeader('vary', 'Origin');
}

/**
 * CORS preflight: never authenticated, never dispatched. An allowed origin gets 204 with the
 * headers MCP needs; any other gets 204 without CORS headers, so the browser blocks it.
 */
export function answerPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  settings: HttpSettings,
): void {
  if (
    req.headers.origin !== undefined &&
    isOriginAllowed(req, settings.allowedOrigins) &&
    isHostAllowed(req, settings.allowedHosts)
  ) {
    allowCors(req, res);
    res.setHeader('access-control-allow-methods', 'GET, POST, DELETE');
    res.setHeader('access-control-allow-headers', REQUEST_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.writeHead(204);
  res.end();
}
