import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer } from 'node:net';
import type { McpOAuthOptions } from '../../../src/mcp/index.js';
import type { TestAdapter } from '../demo-app.js';
import { standardAgents } from '../security/agents.js';
import { ProbeTools } from '../security/probe.tools.js';
import { OAuthProbeTools } from './oauth-probe.tools.js';
import { SignedOnlyTools } from './signed-only.tools.js';
import {
  PUBLIC_BASE_URL,
  secureAppModule,
  type SecureApp,
  type SecureAppOptions,
} from '../security/secure-app.js';

/** A free loopback port: the resource URI must name the port before the app is built. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface OAuthAppOptions {
  adapter: TestAdapter;
  /** Accepted authorization servers. */
  issuers: string[];
  /** Signed agents too (the standard agents, signing for `PUBLIC_BASE_URL`). */
  signing?: boolean;
  /** Serve `probe_signed_write` (requireSignature); default: when signing is on. */
  signedOnlyTool?: boolean;
  /** A global prefix, e.g. `api`. */
  prefix?: string;
  oauth?: Partial<McpOAuthOptions>;
  mcp?: SecureAppOptions['mcp'];
}

export interface OAuthApp extends SecureApp {
  /** The canonical resource URI, `http://127.0.0.1:PORT[/prefix]/mcp`. */
  resource: string;
}

/** The probe tools behind bearer tokens (and signatures when asked), on Express or Fastify. */
export async function startOAuthApp(options: OAuthAppOptions): Promise<OAuthApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const agents = standardAgents();
  const base = secureAppModule(
    {
      unsigned: !options.signing,
      mcp: {
        ...options.mcp,
        oauth: { authorizationServers: options.issuers, publicBaseUrl: origin, ...options.oauth },
      },
    },
    agents,
  );
  const probes =
    (options.signedOnlyTool ?? options.signing)
      ? [OAuthProbeTools, SignedOnlyTools]
      : [OAuthProbeTools];
  const module = { ...base, providers: [...(base.providers ?? []), ...probes] };
  const nestOptions = { logger: false as const, abortOnError: false };
  let app: INestApplication;
  if (options.adapter === 'fastify') {
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    app = await NestFactory.create(module, new FastifyAdapter(), nestOptions);
  } else {
    app = await NestFactory.create(module, nestOptions);
  }
  if (options.prefix) app.setGlobalPrefix(options.prefix);
  await app.listen(port, '127.0.0.1');
  const path = options.prefix ? `/${options.prefix}/mcp` : '/mcp';
  return {
    app,
    port,
    origin,
    url: `${origin}${path}`,
    resource: `${origin}${path}`,
    publicBaseUrl: PUBLIC_BASE_URL,
    agents,
    probe: app.get(ProbeTools),
    close: () => app.close(),
  };
}
