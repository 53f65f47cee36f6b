import { Injectable } from '@nestjs/common';
import { FIRST_SESSION_TASKS_VERSION } from '../config/mcp.constants.js';
import type { McpEra } from '../context/mcp-exchange.interface.js';
import { McpRegistry } from '../registry/mcp.registry.js';
import { TASKS_EXTENSION } from '../tasks/tasks.constants.js';

/** Declares only what is registered: a server with no prompts does not offer prompts/*. */
@Injectable()
export class ServerCapabilities {
  constructor(private readonly registry: McpRegistry) {}

  /**
   * Capabilities of an era; `subscribe` is a session-era notion but harmless in the other.
   * Tasks, when a tool supports them: the 2025-11-25 `tasks` slot in the session era (from
   * that version on), the `io.modelcontextprotocol/tasks` extension in the stateless era.
   */
  get(era: McpEra = 'session', protocolVersion?: string): Record<string, unknown> {
    const caps: Record<string, unknown> = { logging: {} };
    const hasResources =
      this.registry.listResources().length + this.registry.listResourceTemplates().length > 0;
    if (this.registry.listTools().length > 0) caps.tools = { listChanged: true };
    if (hasResources) caps.resources = { subscribe: true, listChanged: true };
    if (this.registry.listPrompts().length > 0) caps.prompts = { listChanged: true };
    if (this.registry.listPrompts().length > 0 || this.registry.listResourceTemplates().length > 0)
      caps.completions = {};
    if (this.hasTaskTools()) {
      if (era === 'stateless') caps.extensions = { [TASKS_EXTENSION]: {} };
      else if (protocolVersion === undefined || protocolVersion >= FIRST_SESSION_TASKS_VERSION)
        caps.tasks = { list: {}, cancel: {}, requests: { tools: { call: {} } } };
    }
    return caps;
  }

  private hasTaskTools(): boolean {
    return this.registry.listTools().some((t) => {
      const support = t.definition.execution?.taskSupport;
      return support === 'optional' || support === 'required';
    });
  }
}
