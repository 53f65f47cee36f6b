import { Inject, Injectable, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MCP_CONTROLLERS } from '../config/mcp.constants.js';
import { McpRegistry } from '../registry/mcp.registry.js';

/** @nestjs/throttler's options token and skip-metadata prefix, used without importing it. */
const THROTTLER_OPTIONS = 'THROTTLER:MODULE_OPTIONS';
const SKIP = 'THROTTLER:SKIP';

type ThrottlerOptions = { name?: string }[] | { throttlers?: { name?: string }[] };

/**
 * MCP traffic is limited once, by this library's own rules: a host's global ThrottlerGuard
 * skips the MCP controllers and the tool/resource/prompt handlers (global guards also wrap
 * handlers run through ExternalContextCreator, where they would see no client at all). Every
 * throttler the host configured is skipped, not only the one named `default`.
 */
@Injectable()
export class HostThrottlerOptOut implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly registry: McpRegistry,
    @Inject(MCP_CONTROLLERS) private readonly controllers: Type<unknown>[],
  ) {}

  /** After discovery (every handler is registered by then) and before the first request. */
  onApplicationBootstrap(): void {
    const names = this.throttlerNames();
    const targets: object[] = [...this.controllers];
    for (const list of [
      this.registry.listTools(),
      this.registry.listResources(),
      this.registry.listResourceTemplates(),
      this.registry.listPrompts(),
    ]) {
      for (const entry of list) if (entry.method) targets.push(entry.method);
    }
    for (const target of targets) {
      for (const name of names)
        if (!Reflect.hasOwnMetadata(SKIP + name, target))
          Reflect.defineMetadata(SKIP + name, true, target);
    }
  }

  private throttlerNames(): string[] {
    let options: ThrottlerOptions | undefined;
    try {
      options = this.moduleRef.get<ThrottlerOptions>(THROTTLER_OPTIONS, { strict: false });
    } catch {
      options = undefined;
    }
    const throttlers = Array.isArray(options) ? options : (options?.throttlers ?? []);
    return [...new Set(['default', ...throttlers.map((t) => t.name ?? 'default')])];
  }
}
