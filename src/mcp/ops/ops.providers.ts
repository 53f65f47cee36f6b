import type { Provider, Type } from '@nestjs/common';
import { createDocsController } from './docs/docs.controller.factory.js';
import { McpDocs } from './docs/mcp-docs.service.js';
import { createHealthController } from './health/health.controller.factory.js';
import { McpHealthIndicator } from './health/mcp-health.indicator.js';
import { McpHealthService, storeCheck } from './health/mcp-health.service.js';
import { MCP_MODULE_OPTIONS } from '../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../config/mcp-options.interface.js';
import { EventStore } from '../session/event-store.interface.js';
import { TaskStore } from '../tasks/task-store.interface.js';
import type { McpModuleExtras } from '../config/mcp-options.interface.js';
import { McpMetrics } from './metrics/mcp-metrics.service.js';
import { ToolsHandler } from '../dispatch/tools.handler.js';
import { createMetricsController } from './metrics/metrics.controller.factory.js';
import { resolveOpsSettings } from '../config/routes.settings.js';
import { McpRateLimiter } from '../security/rate-limiter.js';
import { RequestAuthenticator } from '../security/request.authenticator.js';
import { LegacySseTransport } from '../transport/http/legacy-sse.transport.js';
import { LiveStreams } from '../transport/http/live-streams.registry.js';

/** Token of the boot-time wiring between metrics and the transports it counts. */
const OPS_METRICS_WIRING = Symbol('MCP_OPS_METRICS_WIRING');
/** Token of the boot-time wiring of every configured store into readiness. */
const OPS_READINESS_WIRING = Symbol('MCP_OPS_READINESS_WIRING');

/** Services of the operational endpoints; present even when an endpoint is turned off. */
export const OPS_PROVIDERS: Provider[] = [
  McpHealthService,
  McpHealthIndicator,
  McpMetrics,
  McpDocs,
  // Wired here through hooks: the layers below ops never import metrics.
  {
    provide: OPS_METRICS_WIRING,
    inject: [
      McpMetrics,
      RequestAuthenticator,
      McpRateLimiter,
      LiveStreams,
      ToolsHandler,
      { token: LegacySseTransport, optional: true },
    ],
    useFactory: (
      metrics: McpMetrics,
      auth: RequestAuthenticator,
      limiter: McpRateLimiter,
      streams: LiveStreams,
      tools: ToolsHandler,
      legacy?: LegacySseTransport,
    ) => {
      tools.onCallEnded((tool, outcome, seconds) => metrics.toolCall(tool, outcome, seconds));
      metrics.countStreams(() => streams.openCount);
      if (legacy) metrics.countStreams(() => legacy.openCount);
      auth.onFailure(() => metrics.signatureFailure());
      limiter.onLimited((scope) => metrics.rateLimited(scope));
      return true;
    },
  },
  // Readiness covers every store (the session store is built in); a Redis store answers `ping()`.
  {
    provide: OPS_READINESS_WIRING,
    inject: [McpHealthService, EventStore, TaskStore, MCP_MODULE_OPTIONS],
    useFactory: (
      health: McpHealthService,
      events: EventStore,
      tasks: TaskStore,
      options: McpModuleOptions,
    ) => {
      health.addReadinessCheck('eventStore', storeCheck(events));
      health.addReadinessCheck('taskStore', storeCheck(tasks));
      const replay = options.signing?.replayStore;
      if (options.signing) health.addReadinessCheck('replayStore', storeCheck(replay ?? {}));
      return true;
    },
  },
];

/** The health, docs and metrics controllers the import-time extras ask for. */
export function createOpsControllers(extras: McpModuleExtras): Type<unknown>[] {
  const settings = resolveOpsSettings(extras);
  const controllers: Type<unknown>[] = [];
  if (settings.health) controllers.push(createHealthController(settings.health));
  if (settings.docs) controllers.push(createDocsController(settings));
  if (settings.metrics) controllers.push(createMetricsController(settings.metrics));
  return controllers;
}

/** What host apps may inject (the terminus indicator, metrics for merging, the docs builder). */
export const OPS_EXPORTS = [McpHealthIndicator, McpHealthService, McpMetrics, McpDocs];
