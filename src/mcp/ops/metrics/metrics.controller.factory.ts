import { Controller, Logger, Res, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { nodeResponse, writeRaw } from '../../http/node-http.js';
import { routeGet, tagForOpenApi } from '../../http/ops-route.js';
import { McpMetrics } from './mcp-metrics.service.js';
import type { MetricsSettings } from '../../config/routes.settings.js';

/**
 * Builds the Prometheus scrape endpoint at the configured path. Without prom-client it answers
 * 501 with the install hint (and says so once in the log at boot).
 */
export function createMetricsController(settings: MetricsSettings): Type<unknown> {
  @Controller()
  class McpMetricsController implements OnApplicationBootstrap {
    constructor(private readonly metrics: McpMetrics) {}

    onApplicationBootstrap(): void {
      const why = this.metrics.unavailableReason;
      if (why) new Logger('McpMetrics').warn(why);
    }

    async scrape(@Res() res: unknown): Promise<void> {
      const out = nodeResponse(res);
      const scraped = await this.metrics.scrape();
      if (!scraped) {
        const hint = this.metrics.unavailableReason ?? '';
        writeRaw(
          out,
          501,
          { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
          `${hint}\n`,
        );
        return;
      }
      writeRaw(
        out,
        200,
        { 'content-type': scraped.contentType, 'cache-control': 'no-store' },
        scraped.body,
      );
    }
  }
  tagForOpenApi(McpMetricsController);
  routeGet(McpMetricsController, 'scrape', settings.path, {
    summary: 'MCP server metrics (Prometheus text format)',
    responses: { 200: 'Prometheus exposition text', 501: 'prom-client is not installed' },
  });
  return McpMetricsController;
}
