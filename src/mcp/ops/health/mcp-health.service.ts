import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { McpExplorer } from '../../discovery/mcp.explorer.js';
import { MCP_MODULE_EXTRAS } from '../../config/mcp.constants.js';
import type { McpModuleExtras } from '../../config/mcp-options.interface.js';
import { listMcpServers } from '../../server/mcp-servers.js';
import { SessionStore } from '../../session/session-store.interface.js';
import {
  toHealthCheckResult,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from './health-check.types.js';
import { HttpDrain } from '../../transport/http/http-drain.js';
import { HealthMessages } from './health.messages.js';

/** Readiness waits this long for the session store (a probe's own timeout is often 1 s). */
export const STORE_CHECK_TIMEOUT_MS = 1_000;

class StoreTimeout extends Error {}

/**
 * One readiness check: resolves with details to show when up (`{ sessions: 3 }`), rejects when
 * down. Its rejection reason goes to the log only; the probe answer says "did not answer".
 */
export type McpReadinessCheck = () => Promise<Record<string, unknown> | void>;

/**
 * Optional method of a store: a cheap round trip to its backend (a Redis `PING`). Stores
 * without it live in the process and are up whenever the process is.
 */
export interface McpPingableStore {
  /** Resolves when the store can answer; rejects (the readiness check fails) when it cannot. */
  ping(): Promise<void>;
}

/** The readiness check of a store: its `ping()` when it has one, else always up. */
export function storeCheck(store: object): McpReadinessCheck {
  const ping = (store as Partial<McpPingableStore>).ping;
  if (typeof ping !== 'function') return async () => undefined;
  return async () => {
    await ping.call(store);
  };
}

/**
 * Liveness and readiness of the MCP server. Ready means: discovery has registered every
 * handler, the session store answers, and the app is not shutting down. Readiness turns down in
 * `beforeApplicationShutdown`, before Nest closes the server, so load balancers stop sending
 * work while open connections drain.
 */
@Injectable()
export class McpHealthService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('McpHealth');
  private discovered = false;
  private shuttingDown = false;
  private readonly storeChecks = new Map<string, McpReadinessCheck>();

  /** @internal */
  constructor(
    explorer: McpExplorer,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Optional() private readonly modules?: ModulesContainer,
    @Optional() @Inject(MCP_MODULE_EXTRAS) private readonly extras?: McpModuleExtras,
    @Optional() private readonly drain?: HttpDrain,
  ) {
    void explorer.whenReady.then(() => (this.discovered = true));
    this.storeChecks.set('sessionStore', async () => ({ sessions: await this.sessions.count() }));
  }

  /**
   * Adds a store (or any backend the MCP server needs) to readiness under `name`; readiness is
   * down while the check fails or takes longer than 1 s. Replaces a check of the same name.
   * @example
   * health.addReadinessCheck('redis', async () => void (await redis.ping()));
   */
  addReadinessCheck(name: string, check: McpReadinessCheck): void {
    this.storeChecks.set(name, check);
  }

  /** True from the start of application shutdown. */
  get isShuttingDown(): boolean {
    return this.shuttingDown || this.drain?.isClosing === true;
  }

  /** Readiness answers 503 from now on (called at the start of application shutdown). */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  /** @internal */
  beforeApplicationShutdown(): void {
    this.markShuttingDown();
  }

  /** The process is up: it answers. Stays `ok` during shutdown so nothing restarts it mid-drain. */
  liveness(): HealthCheckResult {
    return toHealthCheckResult({ process: { status: 'up' } });
  }

  /** Whether this instance should receive MCP traffic now. */
  async readiness(): Promise<HealthCheckResult> {
    return toHealthCheckResult(await this.checks());
  }

  /**
   * Readiness of every MCP server of the app, for the app-wide probe: this server's checks,
   * then each other server's as `<name>.<check>`. The same as `readiness()` with one server.
   */
  async appReadiness(): Promise<HealthCheckResult> {
    const results = await this.checks();
    const servers = this.modules ? listMcpServers(this.modules) : [];
    for (const server of servers) {
      if (server.extras === this.extras) continue;
      const other = server.module.getProviderByKey<McpHealthService>(McpHealthService).instance;
      for (const [key, value] of Object.entries(await other.checks()))
        results[`${server.name}.${key}`] = value;
    }
    return toHealthCheckResult(results);
  }

  /** The individual readiness checks: `lifecycle`, `discovery`, then every store (`sessionStore`…). */
  async checks(): Promise<HealthIndicatorResult> {
    const result: HealthIndicatorResult = {
      lifecycle: this.isShuttingDown
        ? { status: 'down', message: HealthMessages.shuttingDown() }
        : { status: 'up' },
      discovery: this.discovered
        ? { status: 'up' }
        : { status: 'down', message: HealthMessages.discoveryPending() },
    };
    const names = [...this.storeChecks.keys()];
    const outcomes = await Promise.all(names.map((name) => this.probe(name)));
    names.forEach((name, i) => (result[name] = outcomes[i]));
    return result;
  }

  private async probe(name: string): Promise<HealthIndicatorResult[string]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreTimeout()), STORE_CHECK_TIMEOUT_MS);
    });
    try {
      const details = await Promise.race([this.storeChecks.get(name)!(), timeout]);
      return { status: 'up', ...details };
    } catch (error) {
      if (error instanceof StoreTimeout) {
        return {
          status: 'down',
          message: HealthMessages.storeTimeout(name, STORE_CHECK_TIMEOUT_MS),
        };
      }
      // The cause (host names, addresses) goes to the log only: probes are often public.
      this.logger.warn(
        HealthMessages.storeFailureLog(
          name,
          error instanceof Error ? error.message : String(error),
        ),
      );
      return { status: 'down', message: HealthMessages.storeUnavailable(name) };
    } finally {
      clearTimeout(timer);
    }
  }
}
