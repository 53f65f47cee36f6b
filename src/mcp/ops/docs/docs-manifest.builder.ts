import {
  ALL_VERSIONS,
  SESSION_ERA_VERSIONS,
  STATELESS_ERA_VERSIONS,
} from '../../config/mcp.constants.js';
import type { McpServerInfo } from '../../config/mcp-options.interface.js';
import type { McpRegistry } from '../../registry/mcp.registry.js';
import type { AccessPolicy } from '../../registry/registry.types.js';
import type {
  DocsAccess,
  DocsEndpoint,
  DocsManifest,
  DocsTransport,
} from './docs-manifest.types.js';

/** What the manifest is built from: the registry's lists, the server's identity, its endpoints. */
export interface DocsManifestInput {
  registry: Pick<
    McpRegistry,
    'listTools' | 'listResources' | 'listResourceTemplates' | 'listPrompts'
  >;
  serverInfo: McpServerInfo;
  instructions?: string;
  endpoints: DocsEndpoint[];
  transports: DocsTransport[];
}

/** Copies the defined fields only, in the order given, so output is stable and has no undefined. */
function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (value[key] !== undefined) out[key] = structuredClone(value[key]);
  return out;
}

function accessOf(policy: AccessPolicy): DocsAccess {
  return {
    public: policy.public,
    access: policy.access,
    scopes: [...policy.scopes].sort(),
    roles: [...policy.roles].sort(),
    ...(policy.maxSignatureAgeSec !== undefined
      ? { maxSignatureAgeSec: policy.maxSignatureAgeSec }
      : {}),
    ...(policy.requireSignature ? { requireSignature: true } : {}),
  };
}

/**
 * The documentation of a server as data: a pure function of the registry and the server's
 * settings, so the same inputs give byte-identical JSON (the ETag relies on it). Entries come
 * in the registry's sorted order.
 */
export function buildDocsManifest(input: DocsManifestInput): DocsManifest {
  const { registry } = input;
  return {
    manifestVersion: 1,
    server: {
      ...pick(input.serverInfo, [
        'name',
        'version',
        'title',
        'description',
        'websiteUrl',
        'icons',
      ] as const),
      ...(input.instructions !== undefined ? { instructions: input.instructions } : {}),
    },
    protocol: {
      versions: [...ALL_VERSIONS],
      sessionEra: [...SESSION_ERA_VERSIONS],
      statelessEra: [...STATELESS_ERA_VERSIONS],
      latest: ALL_VERSIONS[ALL_VERSIONS.length - 1],
    },
    authentication: {
      scheme: 'http-message-signatures',
      specification: 'RFC 9421',
      signatureTag: 'mcp',
      anonymous: 'public-entries-only',
    },
    endpoints: structuredClone(input.endpoints),
    transports: structuredClone(input.transports),
    tools: registry.listTools().map((tool) => ({
      ...pick(tool.definition, [
        'name',
        'title',
        'description',
        'inputSchema',
        'outputSchema',
        'annotations',
        'icons',
        'execution',
      ] as const),
      access: accessOf(tool.policy),
      ...(tool.policy.rateLimit
        ? {
            rateLimit: {
              limit: tool.policy.rateLimit.limit,
              windowMs: tool.policy.rateLimit.ttlMs,
            },
          }
        : {}),
    })),
    resources: registry.listResources().map((resource) => ({
      ...pick(resource.definition, [
        'uri',
        'name',
        'title',
        'description',
        'mimeType',
        'size',
      ] as const),
      access: accessOf(resource.policy),
    })),
    resourceTemplates: registry.listResourceTemplates().map((template) => ({
      ...pick(template.definition, [
        'uriTemplate',
        'name',
        'title',
        'description',
        'mimeType',
      ] as const),
      access: accessOf(template.policy),
    })),
    prompts: registry.listPrompts().map((prompt) => ({
      ...pick(prompt.definition, ['name', 'title', 'description'] as const),
      arguments: (prompt.definition.arguments ?? []).map((arg) => ({
        ...pick(arg, ['name', 'title', 'description'] as const),
        required: arg.required === true,
      })),
      access: accessOf(prompt.policy),
    })),
  };
}
