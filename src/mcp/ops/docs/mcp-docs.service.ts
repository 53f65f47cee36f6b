import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import { MCP_MODULE_EXTRAS } from '../../config/mcp.constants.js';
import type { McpModuleExtras, McpModuleOptions } from '../../config/mcp-options.interface.js';
import { resolveOpsSettings, type OpsSettings } from '../../config/routes.settings.js';
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
 * const { tools } = app.get(McpDocs).manifest();
 */
@Injectable()
export class McpDocs implements OnModuleDestroy {
  private cached?: { settings: OpsSettings; prefix: string; doc: DocsDocument };
  private readonly unsubscribe: () => void;
  private settings?: OpsSettings;

  /** @internal */
  constructor(
    private readonly registry: McpRegistry,
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    @Optional() private readonly appConfig?: ApplicationConfig,
    @Optional() private readonly routes?: RoutePaths,
    @Optional() @Inject(MCP_MODULE_EXTRAS) private readonly extras?: McpModuleExtras,
  ) {
    this.unsubscribe = registry.onChange(() => (this.cached = undefined));
  }

  /**
   * The manifest this server publishes at `<mcp>/docs.json`: its tools, resources, prompts,
   * who may use them, and its endpoints (built once, and again after the registry changes).
   */
  manifest(): DocsManifest {
    return this.document().manifest;
  }

  /** @internal The manifest and its served form, for this registration's routes. */
  document(settings: OpsSettings = this.ownSettings()): DocsDocument {
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

  private ownSettings(): OpsSettings {
    return (this.settings ??= resolveOpsSettings(this.extras ?? {}));
  }

  /** @internal */
  onModuleDestroy(): void {
    this.unsubscribe();
  }
}
