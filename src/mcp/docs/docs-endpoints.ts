import { joinPath } from '../ops.http.js';
import type { OpsSettings } from '../ops.settings.js';
import type { DocsEndpoint, DocsTransport } from './docs-manifest.types.js';

/** The endpoints as a client sees them: configured paths behind the app's global prefix. */
export function describeEndpoints(
  settings: OpsSettings,
  prefix: string,
  getStream: boolean,
): DocsEndpoint[] {
  const at = (path: string): string => joinPath(prefix, path);
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
  prefix: string,
  getStream: boolean,
): DocsTransport[] {
  const transports: DocsTransport[] = [
    {
      type: 'streamable-http',
      path: joinPath(prefix, settings.mcpPath),
      eras: ['session', 'stateless'],
      getStream,
    },
  ];
  if (settings.legacySse) {
    transports.push({
      type: 'sse',
      path: joinPath(prefix, settings.legacySse.ssePath),
      eras: ['session'],
      getStream: true,
    });
  }
  return transports;
}
