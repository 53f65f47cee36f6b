import { Injectable } from '@nestjs/common';
import { McpRegistry } from '../registry/mcp.registry.js';

/** Declares only what is registered: a server with no prompts does not offer prompts/*. */
@Injectable()
export class ServerCapabilities {
  constructor(private readonly registry: McpRegistry) {}

  /** Capabilities for both eras; `subscribe` is a session-era notion but harmless in the other. */
  get(): Record<string, unknown> {
    const caps: Record<string, unknown> = { logging: {} };
    const hasResources =
      this.registry.listResources().length + this.registry.listResourceTemplates().length > 0;
    if (this.registry.listTools().length > 0) caps.tools = { listChanged: true };
    if (hasResources) caps.resources = { subscribe: true, listChanged: true };
    if (this.registry.listPrompts().length > 0) caps.prompts = { listChanged: true };
    if (this.registry.listPrompts().length > 0 || this.registry.listResourceTemplates().length > 0)
      caps.completions = {};
    return caps;
  }
}
