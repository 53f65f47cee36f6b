import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  McpModule,
  StaticKeyStore,
  type McpModuleExtras,
  type McpModuleOptions,
} from '../../../src/mcp/index.js';
import type { McpSigningOptions } from '../../../src/mcp/config/mcp-options.interface.js';
import { standardAgents, type SigningAgent, type StandardAgents } from './agents.js';
import { ProbeTools } from './probe.tools.js';

/** The public URL agents sign for (`@target-uri`), as if the server sat behind a proxy. */
export const PUBLIC_BASE_URL = 'https://mcp.example.test';
/** Origins the security apps allow (E cases). */
export const ALLOWED_ORIGINS = ['https://console.example.com', 'http://localhost:3000'];
/** The body limit (README, Hardening: "Parsing"): the library's default (the security apps do not set it). */
export const MAX_BODY = 1024 * 1024;

export interface SecureAppOptions {
  /** Agents the key store trusts (default: a fresh `standardAgents()`). */
  agents?: StandardAgents;
  /** Merged over the defaults; `signing` is merged field by field. */
  mcp?: Partial<Omit<McpModuleOptions, 'signing'>> & { signing?: Partial<McpSigningOptions> };
  /** No signing at all (every caller anonymous). */
  unsigned?: boolean;
  extras?: Omit<McpModuleExtras, 'isGlobal'>;
  /**
   * Node's slow-client limits, as `src/demo/main.ts` sets them (20 s / 30 s) but scaled down so
   * the suite stays fast; `checkIntervalMs` is how often Node looks for expired sockets.
   */
  timeouts?: { headersTimeoutMs: number; requestTimeoutMs: number; checkIntervalMs?: number };
  /** Runs before `listen` (trust proxy, global filters…). */
  configure?: (app: INestApplication) => void | Promise<void>;
  /**
   * The suite sends hundreds of deliberately failing signatures from one address, each case
   * judged on its own: turn off the default failed-verification limit (I11 and F1 cover it).
   */
  manyFailures?: boolean;
  /** `NestFactory.create` option (A28 compares both). */
  rawBody?: boolean;
}

export interface SecureApp {
  app: INestApplication;
  port: number;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** `http://127.0.0.1:PORT/mcp`. */
  url: string;
  publicBaseUrl: string;
  agents: StandardAgents;
  /** The handlers' invocation counters. */
  probe: ProbeTools;
  close: () => Promise<void>;
}

@Module({})
class SecureAppModule {}

/** The module of a security app: McpModule with signing from generated keys, plus the probes. */
export function secureAppModule(options: SecureAppOptions, agents: StandardAgents): DynamicModule {
  const { signing, ...mcp } = options.mcp ?? {};
  const mcpOptions: McpModuleOptions = {
    serverInfo: { name: 'security-e2e', version: '1.0.0' },
    allowedOrigins: ALLOWED_ORIGINS,
    ...mcp,
    ...(options.manyFailures ? { rateLimit: { ...mcp.rateLimit, failedAuth: false } } : {}),
    signing: options.unsigned
      ? undefined
      : {
          keys: StaticKeyStore.fromConfig(
            Object.values(agents).map((agent: SigningAgent) => agent.entry),
          ),
          publicBaseUrl: PUBLIC_BASE_URL,
          ...signing,
        },
  };
  return {
    module: SecureAppModule,
    imports: [McpModule.forRoot({ ...mcpOptions, ...options.extras })],
    providers: [ProbeTools],
  };
}

/** Boots a security app in-process on 127.0.0.1 and an ephemeral port. */
export async function startSecureApp(options: SecureAppOptions = {}): Promise<SecureApp> {
  const agents = options.agents ?? standardAgents();
  const app = await NestFactory.create(secureAppModule(options, agents), {
    logger: false,
    abortOnError: false,
    ...(options.rawBody === undefined ? {} : { rawBody: options.rawBody }),
  });
  if (options.timeouts) {
    const server = app.getHttpServer() as Server & { connectionsCheckingInterval: number };
    server.headersTimeout = options.timeouts.headersTimeoutMs;
    server.requestTimeout = options.timeouts.requestTimeoutMs;
    // Read by Node when the server starts listening (default 30 s, far above the scaled limits).
    server.connectionsCheckingInterval = options.timeouts.checkIntervalMs ?? 200;
  }
  await options.configure?.(app);
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    app,
    port,
    origin,
    url: `${origin}/mcp`,
    publicBaseUrl: (options.mcp?.signing?.publicBaseUrl ?? PUBLIC_BASE_URL).replace(/\/+$/, ''),
    agents,
    probe: app.get(ProbeTools),
    close: () => app.close(),
  };
}
