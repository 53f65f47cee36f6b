import { SetMetadata } from '@nestjs/common';
import { MCP_RESOURCE_TEMPLATE_METADATA } from '../config/mcp.constants.js';
import type { McpIcon } from '../config/mcp-options.interface.js';
import type { CompletionHook } from './completion-hook.type.js';

/** Options of {@link ResourceTemplate}. */
export interface ResourceTemplateOptions {
  /** An RFC 6570 URI template, e.g. `tutor://verbs/{verb}`. */
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  icons?: McpIcon[];
  annotations?: { audience?: ('user' | 'assistant')[]; priority?: number };
  _meta?: Record<string, unknown>;
  /** Completion hooks for the template's variables. */
  complete?: Record<string, CompletionHook>;
}

/**
 * Exposes a provider method as a resource template. The method receives the matched
 * variables as its first argument (or through `@Args()`).
 * @example
 * @ResourceTemplate({ uriTemplate: 'tutor://verbs/{verb}', name: 'verb' })
 * verb(@Args() vars: { verb: string }) { ... }
 */
export const ResourceTemplate = (options: ResourceTemplateOptions): MethodDecorator =>
  SetMetadata(MCP_RESOURCE_TEMPLATE_METADATA, options);
