import { Controller, Inject, Req, Res, type Type } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeRequest, nodeResponse, writeRaw } from '../../http/node-http.js';
import { routeGet, tagForOpenApi } from '../../http/ops-route.js';
import type { OpsSettings } from '../../config/routes.settings.js';
import { isHostAllowed } from '../../transport/http/http-checks.js';
import { HTTP_SETTINGS, type HttpSettings } from '../../transport/http/http-settings.js';
import { renderDocsPage } from './docs-page.renderer.js';
import { etagOf, matchesIfNoneMatch } from './etag.js';
import { McpDocs } from './mcp-docs.service.js';

/** Revalidate every time (tools can change at run time); the ETag makes that a 304. */
const CACHE_CONTROL = 'no-cache';
/** The page needs nothing but its own inline styles. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The URL a reader would use, from the request that fetched the page (display only, escaped). */
function endpointUrl(req: IncomingMessage, path: string): string {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    .trim();
  const tls = (req.socket as { encrypted?: boolean }).encrypted === true;
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : tls ? 'https' : 'http';
  return `${scheme}://${req.headers.host ?? 'localhost'}${path}`;
}

function sendCached(
  req: IncomingMessage,
  res: ServerResponse,
  type: string,
  body: string,
  etag: string,
  extra: Record<string, string> = {},
): void {
  const headers = { etag, 'cache-control': CACHE_CONTROL, ...extra };
  if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) return writeRaw(res, 304, headers);
  writeRaw(res, 200, { 'content-type': type, ...headers }, body);
}

/**
 * Builds the documentation controller: `<mcp>/docs.json` and the HTML page `<mcp>/docs`. Both
 * sit under the MCP endpoint and pass the same Host check (DNS-rebinding defence).
 */
export function createDocsController(settings: OpsSettings): Type<unknown> {
  @Controller()
  class McpDocsController {
    constructor(
      private readonly docs: McpDocs,
      @Inject(HTTP_SETTINGS) private readonly http: HttpSettings,
    ) {}

    json(@Req() request: unknown, @Res() response: unknown): void {
      const [req, res] = [nodeRequest(request), nodeResponse(response)];
      if (!this.hostAllowed(req, res)) return;
      const doc = this.docs.document(settings);
      sendCached(req, res, 'application/json; charset=utf-8', doc.body, doc.etag);
    }

    page(@Req() request: unknown, @Res() response: unknown): void {
      const [req, res] = [nodeRequest(request), nodeResponse(response)];
      if (!this.hostAllowed(req, res)) return;
      const { manifest } = this.docs.document(settings);
      const mcp = manifest.endpoints.find((ep) => ep.name === 'mcp')!;
      const json = manifest.endpoints.find((ep) => ep.name === 'docs.json')!;
      const html = renderDocsPage(manifest, {
        endpointUrl: endpointUrl(req, mcp.path),
        docsJsonUrl: json.path,
      });
      sendCached(req, res, 'text/html; charset=utf-8', html, etagOf(html), {
        'content-security-policy': PAGE_CSP,
        'referrer-policy': 'no-referrer',
      });
    }

    private hostAllowed(req: IncomingMessage, res: ServerResponse): boolean {
      if (isHostAllowed(req, this.http.allowedHosts)) return true;
      writeRaw(
        res,
        403,
        { 'content-type': 'text/plain; charset=utf-8' },
        'Forbidden: Host not allowed\n',
      );
      return false;
    }
  }
  tagForOpenApi(McpDocsController);
  routeGet(McpDocsController, 'json', settings.docs?.jsonPath, {
    summary: 'MCP server manifest (tools, resources, prompts, access, versions)',
    description: 'Send If-None-Match with the last ETag to get 304 when nothing changed.',
    responses: {
      200: 'The manifest (config/docs-manifest.schema.json)',
      304: 'Not modified',
      403: 'Host not allowed',
    },
  });
  routeGet(McpDocsController, 'page', settings.docs?.pagePath, {
    summary: 'MCP server documentation page (HTML)',
    responses: { 200: 'The page', 304: 'Not modified', 403: 'Host not allowed' },
  });
  return McpDocsController;
}
