import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import type { OpsSettings } from '../../config/routes.settings.js';
import { McpRegistry } from '../../registry/mcp.registry.js';
import { RoutePaths } from '../../config/route-paths.js';
import { describeEndpoints, describeTransports, underPrefix } from './docs-endpoints.js';
import { buildDocsManifest } from './docs-manifest.builder.js';
import type { DocsManifest } from './docs-manifest.types.js';
import { etagOf } from './etag.js';

/** docs.json as served: the manifest, its serialised body and the body's ETag. */
export interface DocsDocument {
  manifest: DocsManifest;
  body: string;
  etag: string;
}

/**
 * Builds the documentation from the registry once and keeps it until the registry changes
 * (tools added or removed at run time), so docs.json costs a lookup per request.
 * @example
 * const doc = app.get(McpDocs).document(resolveOpsSettings({}));
 */
@Injectable()
export class McpDocs implements OnModuleDestroy {
  private cached?: { settings: OpsSettings; prefix: string; doc: DocsDocument };
  private readonly unsubscribe: () => void;

  /** @internal */
  constructor(
    private readonly registry: McpRegistry,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    @Optional() private readonly appConfig?: ApplicationConfig,
    @Optional() private readonly routes?: RoutePaths,
  ) {
    this.unsubscribe = registry.onChange(() => (this.cached = undefined));
  }

  /** @internal The manifest for the given endpoint settings (as configured at import time). */
  document(settings: OpsSettings): DocsDocument {
    const prefix = this.appConfig?.getGlobalPrefix() ?? '';
    const hit = this.cached;
    if (hit && hit.settings === settings && hit.prefix === prefix) return hit.doc;
    const getStream = this.options.enableGetStream ?? true;
    const routes = this.routes;
    const at = routes ? (path: string) => routes.first(path) : underPrefix(prefix);
    const manifest = buildDocsManifest({
      registry: this.registry,
      serverInfo: this.options.serverInfo,
      instructions: this.options.instructions,
      endpoints: describeEndpoints(settings, at, getStream),
      transports: describeTransports(settings, at, getStream),
    });
    const body = `${JSON.stringify(manifest, null, 2)}\n`;
    const doc = { manifest, body, etag: etagOf(body) };
    this.cached = { settings, prefix, doc };
    return doc;
  }

  /** @internal */
  onModuleDestroy(): void {
    this.unsubscribe();
  }
}
