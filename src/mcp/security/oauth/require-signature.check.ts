import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { MCP_MODULE_OPTIONS } from '../../config/mcp.module-definition.js';
import type { McpModuleOptions } from '../../config/mcp-options.interface.js';
import { McpMessages } from '../../config/mcp.messages.js';
import { McpRegistry } from '../../registry/mcp.registry.js';

/** Fails boot when a tool wants signed callers but nobody can sign (it could never be called). */
@Injectable()
export class RequireSignatureCheck implements OnApplicationBootstrap {
  constructor(
    @Inject(MCP_MODULE_OPTIONS) private readonly options: McpModuleOptions,
    private readonly registry: McpRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.signing) return;
    const tool = this.registry.listTools().find((t) => t.policy.requireSignature);
    if (tool)
      throw new Error(
        McpMessages.invalidOption(
          'requireSignature',
          `of ${tool.source} is set but signing is not configured, so no caller could use it: configure signing, or drop requireSignature`,
        ),
      );
  }
}
