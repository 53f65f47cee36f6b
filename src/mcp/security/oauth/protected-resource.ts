import { Inject, Injectable, Optional } from '@nestjs/common';
import { resolveMcpPath } from '../../config/routes.settings.js';
import { ApplicationConfig } from '@nestjs/core';
import { MCP_MODULE_EXTRAS } from '../../config/mcp.constants.js';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleExtras, McpModuleOptions } from '../../config/mcp-options.interface.js';
import { joinPath } from '../../config/route-paths.js';
import { McpRegistry } from '../../registry/mcp.registry.js';
import { normalisePublicBaseUrl } from '../signature/target-uri.js';

/** RFC 9728 §3: the well-known name of protected resource metadata. */
export const PROTECTED_RESOURCE_WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** What `/.well-known/oauth-protected-resource` answers (RFC 9728 §2). */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  scopes_supported: string[];
  bearer_methods_supported: ['header'];
  resource_name?: string;
  resource_documentation?: string;
}

/**
 * This MCP endpoint as an OAuth protected resource: its canonical URI (the audience tokens must
 * name), where its metadata lives, and the metadata itself. Resolved on first use, once the
 * app's global prefix is known; one per MCP endpoint, so several endpoints compose.
 */
@Injectable()
export class ProtectedResource {
  private resolved?: { resource: string; metadataUrl: string; localPath: string };

  constructor(
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    @Inject(MCP_MODULE_EXTRAS) private readonly extras: McpModuleExtras,
    private readonly registry: McpRegistry,
    @Optional() private readonly appConfig?: ApplicationConfig,
  ) {}

  /** The canonical resource URI, e.g. `https://api.example.com/api/mcp`. */
  get resource(): string {
    return this.resolve().resource;
  }

  /** Absolute URL of this endpoint's metadata (for `resource_metadata` in challenges). */
  get metadataUrl(): string {
    return this.resolve().metadataUrl;
  }

  /** The path this server serves the path-suffixed metadata on, e.g. `/.well-known/oauth-protected-resource/api/mcp`. */
  get localMetadataPath(): string {
    return this.resolve().localPath;
  }

  /** The metadata document; scopes follow the registry (tools added at run time included). */
  metadata(): ProtectedResourceMetadata {
    const oauth = this.options.oauth!;
    const scopes = new Set(oauth.scopes ?? []);
    for (const list of [
      this.registry.listTools(),
      this.registry.listResources(),
      this.registry.listResourceTemplates(),
      this.registry.listPrompts(),
    ])
      for (const entry of list) for (const scope of entry.policy.scopes) scopes.add(scope);
    return {
      resource: this.resource,
      authorization_servers: [...oauth.authorizationServers],
      scopes_supported: [...scopes].sort(),
      bearer_methods_supported: ['header'],
      resource_name:
        oauth.resourceName ?? this.options.serverInfo.title ?? this.options.serverInfo.name,
      ...(oauth.resourceDocumentation
        ? { resource_documentation: oauth.resourceDocumentation }
        : {}),
    };
  }

  private resolve(): { resource: string; metadataUrl: string; localPath: string } {
    if (this.resolved) return this.resolved;
    const oauth = this.options.oauth!;
    const localEndpoint = joinPath(
      this.appConfig?.getGlobalPrefix() ?? '',
      resolveMcpPath(this.extras),
    );
    const resource =
      oauth.resource ??
      `${normalisePublicBaseUrl(oauth.publicBaseUrl ?? this.options.signing!.publicBaseUrl)}${localEndpoint}`;
    const url = new URL(resource);
    // RFC 9728 §3.1: the well-known name goes between the host and the resource's path.
    const suffix = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
    this.resolved = {
      resource,
      metadataUrl: `${url.origin}${PROTECTED_RESOURCE_WELL_KNOWN}${suffix}`,
      localPath: `${PROTECTED_RESOURCE_WELL_KNOWN}${localEndpoint}`,
    };
    return this.resolved;
  }
}
