import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpModuleExtras } from '../../config/mcp-options.interface.js';
import { resolveOpsSettings } from '../../config/routes.settings.js';
import { isHostAllowed } from './http-checks.js';
import { reject } from './http-response.writer.js';
import { HttpMessages } from './http.messages.js';

/** What the front door knows of one library route. */
export interface EdgeRoute {
  /** Methods the route answers; any other gets 405 before a router sees it (undefined: any). */
  methods?: readonly string[];
  /** POST bodies read raw by the library (the endpoint and the legacy messages path). */
  readsBody: boolean;
  /** Operational routes: the Host allowlist applies here too (DNS rebinding). */
  hostChecked: boolean;
}

/**
 * The library's routes by lower-case path, as the app serves them (`servedAt`: global prefix,
 * URI version, RouterModule path). Express matches paths case-insensitively, so lookups are
 * lower-case on both adapters.
 */
export function edgeRoutes(
  servedAt: (path: string, method: RequestMethod) => string[],
  extras: McpModuleExtras,
): Map<string, EdgeRoute> {
  const ops = resolveOpsSettings(extras);
  const routes = new Map<string, EdgeRoute>();
  const add = (path: string, method: RequestMethod, route: EdgeRoute): void => {
    for (const served of servedAt(path, method))
      routes.set(served.replace(/(.)\/+$/, '$1').toLowerCase(), route);
  };
  add(ops.mcpPath, RequestMethod.POST, {
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    readsBody: true,
    hostChecked: false,
  });
  if (ops.legacySse) {
    add(ops.legacySse.ssePath, RequestMethod.GET, {
      methods: ['GET'],
      readsBody: false,
      hostChecked: false,
    });
    add(ops.legacySse.messagesPath, RequestMethod.POST, {
      methods: ['POST'],
      readsBody: true,
      hostChecked: false,
    });
  }
  const opsPaths = [
    ops.health?.livePath,
    ops.health?.readyPath,
    ops.health?.endpointPath,
    ops.metrics?.path,
  ];
  for (const path of opsPaths)
    if (path) add(path, RequestMethod.GET, { readsBody: false, hostChecked: true });
  return routes;
}

/** Letters, digits, `_`, `-` and single-leading `/`: nothing a URL parser rewrites or decodes. */
const PLAIN_PATH = /^\/(?!\/)[\w/-]*$/;

/**
 * The path as routers see it: the URL's pathname (no query, no fragment), percent-decoded,
 * without trailing slashes, lower-case. Undefined when it cannot be decoded.
 */
export function routerPath(url: string | undefined): string | undefined {
  // The common case, a plain path: URL parsing and decoding would return it unchanged.
  if (url !== undefined && PLAIN_PATH.test(url)) return url.replace(/(.)\/+$/, '$1').toLowerCase();
  try {
    const pathname = new URL(url ?? '/', 'http://edge.invalid').pathname;
    return decodeURIComponent(pathname)
      .replace(/(.)\/+$/, '$1')
      .toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Judges a request at the front door, before any router or body parser: a library route
 * reached through a non-canonical target (`/mcp#x`, `/%6Dcp`) gets 404 (as a signature
 * bound to the canonical target would fail anyway), a method outside the
 * route's allowlist 405 with `Allow` (HEAD included: routers would map it to GET), an ops
 * route a foreign Host 403. Returns the route when the request may go on, else undefined
 * (the answer is written).
 */
export function judgeAtEdge(
  req: IncomingMessage,
  res: ServerResponse,
  routes: ReadonlyMap<string, EdgeRoute>,
  allowedHosts: ReadonlySet<string> | undefined,
): { route?: EdgeRoute } | undefined {
  const path = routerPath(req.url);
  const route = path === undefined ? undefined : routes.get(path);
  if (!route) return NOT_OURS;
  // A plain path is canonical and never absolute-form: the two checks below are for the rest.
  if (!PLAIN_PATH.test(req.url ?? '')) {
    const raw = (req.url ?? '')
      .split('?')[0]
      .replace(/(.)\/+$/, '$1')
      .toLowerCase();
    if (/^[a-z][a-z0-9+.-]*:/i.test(req.url ?? '')) {
      reject(res, 400, HttpMessages.absoluteFormTarget());
      return undefined;
    }
    if (raw !== path) {
      reject(res, 404, HttpMessages.nonCanonicalTarget());
      return undefined;
    }
  }
  const method = req.method ?? '';
  if (route.methods && !route.methods.includes(method)) {
    reject(res, 405, HttpMessages.methodNotAllowed(), { allow: route.methods.join(', ') });
    return undefined;
  }
  if (route.hostChecked && !isHostAllowed(req, allowedHosts)) {
    reject(res, 403, HttpMessages.hostNotAllowed());
    return undefined;
  }
  return { route };
}

const NOT_OURS: { route?: EdgeRoute } = Object.freeze({});
