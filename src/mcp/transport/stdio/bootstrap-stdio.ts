import {
  Logger,
  type INestApplicationContext,
  type LoggerService,
  type LogLevel,
} from '@nestjs/common';
import type { InjectionToken } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { McpMessages } from '../../config/mcp.messages.js';
import { listMcpServers } from '../../server/mcp-servers.js';
import { DEFAULT_MCP_SERVER } from '../../server/mcp-server.tokens.js';
import type { Readable, Writable } from 'node:stream';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { SessionEraAdapter } from '../../era/session-era/session-era.adapter.js';
import { StatelessEraAdapter } from '../../era/stateless-era/stateless-era.adapter.js';
import { SessionConnectionCore } from '../../connection/session-connection.core.js';
import { MessageBus } from '../../bus/message-bus.interface.js';
import { McpRegistry } from '../../registry/mcp.registry.js';
import { McpTelemetry } from '../../telemetry/mcp-telemetry.service.js';
import { redirectConsoleToStderr } from './console.redirect.js';
import { StderrLogger } from './stderr.logger.js';
import { DEFAULT_CLIENT_REQUEST_TIMEOUT_MS, DEFAULT_SHUTDOWN_GRACE_MS } from './stdio.constants.js';
import { describeError, StdioMessages } from './stdio.messages.js';
import { StdioServer } from './stdio.server.js';

/** Options of {@link bootstrapStdio}. */
export interface StdioBootstrapOptions {
  /** Where client messages come from. Default `process.stdin`. */
  input?: Readable;
  /** Where protocol messages go, and nothing else. Default `process.stdout`. */
  output?: Writable;
  /** Nest's logger. Default: Nest's console format, written to stderr. */
  logger?: LoggerService | LogLevel[] | false;
  /** How long SIGTERM/SIGINT (or `shutdown()`) waits for running requests. Default 5 s. */
  shutdownGraceMs?: number;
  /** Largest message in bytes. Default 10 MiB. */
  maxMessageBytes?: number;
  /**
   * Exit the process (code 0) once the connection closed and the app shut down, and shut down
   * on SIGTERM/SIGINT. Default: true when serving the process's own stdin/stdout.
   */
  ownProcess?: boolean;
  /**
   * Which server to serve when the app registers several (`McpModule.forRoot({ name })`).
   * Default: the default server, or the only one.
   */
  server?: string;
}

/** A running stdio server. */
export interface StdioApplication {
  app: INestApplicationContext;
  /** Resolves once input ended (or shutdown finished), every request answered and the app closed. */
  closed: Promise<void>;
  /** Stops reading, finishes running requests within the grace period, closes the app. */
  shutdown(): Promise<void>;
}

type RootModule = Parameters<typeof NestFactory.createApplicationContext>[0];

/**
 * Serves the app's tools, resources and prompts over stdio (no HTTP server): a Nest
 * application context plus one MCP connection on stdin/stdout. Both protocol eras, ndjson or
 * `Content-Length` framing (answered in kind). stdout carries protocol messages only: Nest's
 * logger and stray `console.log`s are sent to stderr. EOF on stdin finishes in-flight requests
 * and exits 0; SIGTERM does the same within the grace period.
 *
 * @example
 * // src/stdio.ts, run by an MCP client as `node dist/stdio.js`
 * await bootstrapStdio(AppModule);
 */
export async function bootstrapStdio(
  module: RootModule,
  options: StdioBootstrapOptions = {},
): Promise<StdioApplication> {
  const output = options.output ?? process.stdout;
  // Before the app exists: a provider's constructor may already log.
  if (output === process.stdout) redirectConsoleToStderr();
  const app = await NestFactory.createApplicationContext(module, {
    logger: options.logger ?? new StderrLogger(),
  });
  const logger = new Logger('McpStdio');
  let get: ReturnType<typeof serverProviders>;
  try {
    get = serverProviders(app, options.server);
  } catch (error) {
    await app.close();
    throw error;
  }
  const mcpOptions = get<McpModuleOptions>(MCP_MODULE_OPTIONS);
  const server = new StdioServer(
    {
      sessionEra: get(SessionEraAdapter),
      statelessEra: get(StatelessEraAdapter),
      core: get(SessionConnectionCore),
      registry: get(McpRegistry),
      bus: get<MessageBus>(MessageBus),
      telemetry: get(McpTelemetry),
    },
    {
      replyTimeoutMs: mcpOptions.clientRequestTimeoutMs ?? DEFAULT_CLIENT_REQUEST_TIMEOUT_MS,
      maxMessageBytes: options.maxMessageBytes,
      logger,
    },
  );
  const input = options.input ?? process.stdin;
  const ownProcess = options.ownProcess ?? (input === process.stdin && output === process.stdout);
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const onSignal = (): void => void server.shutdown(graceMs);
  // once: a second signal during the grace period kills the process the default way.
  if (ownProcess)
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, onSignal);
  server.listen(input, output);
  logger.log(StdioMessages.started());

  const closed = server.closed.then(async () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    try {
      await app.close();
    } catch (error) {
      logger.error(StdioMessages.closeFailed(describeError(error)));
      process.exitCode = 1;
    }
    // Timers or sockets a host provider left open must not keep a finished stdio server alive.
    if (ownProcess) process.exit();
  });
  return {
    app,
    closed,
    shutdown: async () => {
      await server.shutdown(graceMs);
      await closed;
    },
  };
}

/** Reads providers from the chosen server's own module (every server has its own instances). */
function serverProviders(
  app: INestApplicationContext,
  name: string | undefined,
): <T>(token: InjectionToken) => T {
  const servers = listMcpServers(app.get(ModulesContainer));
  const chosen =
    name === undefined && servers.length === 1
      ? servers[0]
      : servers.find((s) => s.name === (name ?? DEFAULT_MCP_SERVER));
  if (!chosen)
    throw new Error(
      McpMessages.unknownServer(
        name ?? DEFAULT_MCP_SERVER,
        servers.map((s) => s.name),
      ),
    );
  return <T>(token: InjectionToken) => chosen.module.getProviderByKey<T>(token).instance;
}
