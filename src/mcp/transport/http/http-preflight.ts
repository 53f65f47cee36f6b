import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasDuplicateSingleton, isHostAllowed, isOriginAllowed } from './http-checks.js';
import { reject } from './http-response.writer.js';
import type { HttpSettings } from './http-settings.js';

/**
 * The checks every MCP HTTP request passes first, cheapest and least revealing first.
 * Writes the rejection and returns false when one fails.
 */
export function preflight(req: IncomingMessage, res: ServerResponse, settings: HttpSettings): boolean {
  const duplicate = hasDuplicateSingleton(req);
  if (duplicate) reject(res, 400, `Bad Request: duplicate ${duplicate} header`);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(req.url ?? '')) reject(res, 400, 'Bad Request: absolute-form request target');
  else if (!isHostAllowed(req, settings.allowedHosts)) reject(res, 403, 'Forbidden: Host not allowed');
  else if (!isOriginAllowed(req, settings.allowedOrigins)) reject(res, 403, 'Forbidden: Origin not allowed');
  else return true;
  return false;
}
