import { Controller, Res, type BeforeApplicationShutdown, type Type } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeResponse, writeNoStoreJson } from '../../http/node-http.js';
import { routeGet, tagForOpenApi } from '../../http/ops-route.js';
import type { HealthSettings } from '../../config/routes.settings.js';
import { McpHealthService } from './mcp-health.service.js';

/**
 * Builds the health controller for the configured paths: liveness, readiness, and readiness
 * again under the MCP endpoint. Answers are 200 or 503, terminus-shaped, never cached.
 */
export function createHealthController(settings: HealthSettings): Type<unknown> {
  @Controller()
  class McpHealthController implements BeforeApplicationShutdown {
    constructor(private readonly health: McpHealthService) {}

    live(@Res() res: unknown): void {
      writeNoStoreJson(nodeResponse(res), 200, this.health.liveness());
    }

    /** The app-wide probe: every MCP server of the app must be ready. */
    async ready(@Res() res: unknown): Promise<void> {
      const result = await this.health.appReadiness();
      writeNoStoreJson(nodeResponse(res), result.status === 'ok' ? 200 : 503, result);
    }

    /** This server's own readiness. */
    async endpoint(@Res() res: unknown): Promise<void> {
      const result = await this.health.readiness();
      writeNoStoreJson(nodeResponse(res), result.status === 'ok' ? 200 : 503, result);
    }

    /**
     * Turns readiness down, then holds the shutdown while it says 503. Nest calls this hook
     * before the service's own (dependents first), so the flip must happen here.
     */
    async beforeApplicationShutdown(): Promise<void> {
      this.health.markShuttingDown();
      if (settings.gracefulShutdownTimeoutMs > 0) await sleep(settings.gracefulShutdownTimeoutMs);
    }
  }
  const ready = {
    200: 'Ready to serve MCP traffic',
    503: 'Not ready (starting, a store is down, or shutting down)',
  };
  tagForOpenApi(McpHealthController);
  routeGet(McpHealthController, 'live', settings.livePath, {
    summary: 'Liveness of the process',
    responses: { 200: 'The process is up (terminus-shaped result)' },
  });
  routeGet(McpHealthController, 'ready', settings.readyPath, {
    summary: 'Readiness: discovery finished, session store answers, not shutting down',
    responses: ready,
  });
  routeGet(McpHealthController, 'endpoint', settings.endpointPath, {
    summary: 'Readiness of the MCP endpoint',
    responses: ready,
  });
  return McpHealthController;
}
