import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { nodeResponse, writeRaw } from '../../http/node-http.js';
import { PROTECTED_RESOURCE_WELL_KNOWN, ProtectedResource } from './protected-resource.js';

/** Adapters that already serve the root metadata (the first MCP endpoint of an app owns it). */
const rootServed = new WeakSet<object>();

/**
 * Serves RFC 9728 protected resource metadata at `/.well-known/oauth-protected-resource` plus
 * the MCP endpoint's path (and at the bare name for clients that only try that). Registered on
 * the HTTP adapter directly: the well-known location sits at the host's root, outside any
 * global prefix, while the path suffix includes that prefix.
 */
@Injectable()
export class ProtectedResourceMetadataInstaller implements OnModuleInit {
  constructor(
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    private readonly resource: ProtectedResource,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!this.options.oauth || !adapter) return;
    const handler = (_req: unknown, res: unknown): void => {
      // Fastify: the answer is written on Node's object, so Fastify must not send one too.
      (res as { hijack?: () => void }).hijack?.();
      // Public, and fetched by browser-based clients from other origins.
      writeRaw(
        nodeResponse(res),
        200,
        {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'public, max-age=60',
          'access-control-allow-origin': '*',
        },
        JSON.stringify(this.resource.metadata()),
      );
    };
    adapter.get(this.resource.localMetadataPath, handler);
    if (!rootServed.has(adapter)) {
      rootServed.add(adapter);
      adapter.get(PROTECTED_RESOURCE_WELL_KNOWN, handler);
    }
  }
}
