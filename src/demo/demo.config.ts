import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { StaticKeyStore, type McpModuleOptions } from '../mcp/index.js';
import { replicaOptions } from './replica.env.js';

/** The demo's settings, read from the environment (see README: "Demo environment"). */
export function demoMcpOptions(env: NodeJS.ProcessEnv = process.env): McpModuleOptions {
  const port = Number(env.PORT ?? 3000);
  const keyFile = resolve(env.MCP_AGENT_KEYS ?? 'config/agent-keys.json');
  const publicBaseUrl = env.MCP_PUBLIC_URL ?? `http://127.0.0.1:${port}`;
  return {
    serverInfo: {
      name: 'nest-mcp-demo',
      version: '0.1.0',
      title: 'Language tutor',
      description:
        'English conjugation and Spanish look-ups over MCP, and a shared notebook for signed agents and token holders',
    },
    instructions:
      'A language tutor: conjugate English verbs, look up irregular forms, translate words into Spanish. Signed agents and OAuth clients with scope notes:write may also write notes.',
    // Agents are whoever the key file lists (npm run keygen adds one); without it, everyone is anonymous.
    signing: existsSync(keyFile)
      ? {
          keys: StaticKeyStore.fromFile(keyFile),
          publicBaseUrl,
          acceptMsign: env.MCP_ACCEPT_MSIGN === '1',
        }
      : undefined,
    // MCP_OAUTH_ISSUER: accept access tokens from that authorization server (notes_add needs
    // scope notes:write, notes_delete notes:admin). MCP_OAUTH_AUDIENCE: an extra accepted `aud`.
    oauth: env.MCP_OAUTH_ISSUER
      ? {
          authorizationServers: [env.MCP_OAUTH_ISSUER],
          publicBaseUrl,
          audiences: env.MCP_OAUTH_AUDIENCE ? [env.MCP_OAUTH_AUDIENCE] : undefined,
          rolesClaim: env.MCP_OAUTH_ROLES_CLAIM,
        }
      : undefined,
    // MCP_FAILED_AUTH_LIMIT: failed verifications per address and minute (default 30).
    rateLimit: {
      anonymous: { limit: Number(env.MCP_ANON_LIMIT ?? 120), ttlMs: 60_000 },
      failedAuth: env.MCP_FAILED_AUTH_LIMIT
        ? { limit: Number(env.MCP_FAILED_AUTH_LIMIT), ttlMs: 60_000, blockMs: 60_000 }
        : undefined,
    },
    // Behind a balancer: MCP_PUBLIC_URL, MCP_REDIS_URL, MCP_STATE_SECRET (README: "Running several replicas").
    ...replicaOptions(env, port),
  };
}
