import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from './health-check.types.js';
import { McpHealthService } from './mcp-health.service.js';

/**
 * Readiness of the MCP server as a @nestjs/terminus health indicator, without importing
 * terminus: `isHealthy(key)` returns terminus's `{ [key]: { status } }` shape, and terminus
 * (10.3 and later) counts a `down` status as a failed check.
 * @example
 * @Get('health')
 * @HealthCheck()
 * check() {
 *   return this.health.check([() => this.mcp.isHealthy('mcp'), () => this.db.pingCheck('db')]);
 * }
 */
@Injectable()
export class McpHealthIndicator {
  constructor(private readonly health: McpHealthService) {}

  /** `{ [key]: { status: 'up' | 'down', lifecycle, discovery, sessionStore } }`. */
  async isHealthy(key = 'mcp'): Promise<HealthIndicatorResult> {
    const checks = await this.health.checks();
    const down = Object.values(checks).some((check) => check.status === 'down');
    return { [key]: { status: down ? 'down' : 'up', ...checks } };
  }
}
