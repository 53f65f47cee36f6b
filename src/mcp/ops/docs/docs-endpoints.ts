import { joinPath } from '../../config/route-paths.js';
import type { OpsSettings } from '../../config/routes.settings.js';
import type { DocsEndpoint, DocsTransport } from './docs-manifest.types.js';

/** Maps a configured route path to the path the app serves it at. */
export type PublicPath = (path: string) => string;

/** Routes under a plain prefix (no versioning, no RouterModule). */
export const underPrefix =
  (prefix: string): PublicPath =>
  (path) =>
    joinPath(prefix, path);

/** The endpoints as a client sees them: configured paths as the app serves them. */
export function describeEndpoints(
  settings: OpsSettings,
  at: PublicPath,
  getStream: boolean,
): DocsEndpoint[] {
  const endpoints: DocsEndpoint[] = [
    {
      name: 'mcp',
      path: at(settings.mcpPath),
      methods: getStream ? ['POST', 'GET', 'DELETE'] : ['POST', 'DELETE'],
      description: 'Model Context Protocol over Streamable HTTP (both protocol eras).',
    },
  ];
  const { docs, health, metrics, legacySse } = settings;
  if (legacySse) {
    endpoints.push(
      {
        name: 'sse',
        path: at(legacySse.ssePath),
        methods: ['GET'],
        description: 'Legacy HTTP+SSE transport (2024-11-05): the event stream.',
      },
      {
        name: 'messages',
        path: at(legacySse.messagesPath),
        methods: ['POST'],
        description: 'Legacy HTTP+SSE transport: client messages for the stream.',
      },
    );
  }
  if (docs) {
    endpoints.push(
      {
        name: 'docs.json',
        path: at(docs.jsonPath),
        methods: ['GET'],
        description: 'This document (ETag, If-None-Match).',
      },
      {
        name: 'docs',
        path: at(docs.pagePath),
        methods: ['GET'],
        description: 'The same documentation as an HTML page.',
      },
    );
  }
  if (health?.endpointPath) {
    endpoints.push({
      name: 'health',
      path: at(health.endpointPath),
      methods: ['GET'],
      description: 'Readiness of the MCP server (200 or 503).',
    });
  }
  if (health?.livePath) {
    endpoints.push({
      name: 'liveness',
      path: at(health.livePath),
      methods: ['GET'],
      description: 'Liveness: 200 while the process runs.',
    });
  }
  if (health?.readyPath) {
    endpoints.push({
      name: 'readiness',
      path: at(health.readyPath),
      methods: ['GET'],
      description: 'Readiness: 200 when it can serve, else 503.',
    });
  }
  if (metrics) {
    endpoints.push({
      name: 'metrics',
      path: at(metrics.path),
      methods: ['GET'],
      description: 'Prometheus metrics (needs prom-client).',
    });
  }
  return endpoints;
}

/** The transports: Streamable HTTP for both eras, and the legacy SSE transport when on. */
export function describeTransports(
  settings: OpsSettings,
  at: PublicPath,
  getStream: boolean,
): DocsTransport[] {
  const transports: DocsTransport[] = [
    {
      type: 'streamable-http',
      path: at(settings.mcpPath),
      eras: ['session', 'stateless'],
      getStream,
    },
  ];
  if (settings.legacySse) {
    transports.push({
      type: 'sse',
      path: at(settings.legacySse.ssePath),
      eras: ['session'],
      getStream: true,
    });
  }
  return transports;
}
