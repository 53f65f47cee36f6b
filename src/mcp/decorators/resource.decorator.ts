import { SetMetadata } from '@nestjs/common';
import { MCP_RESOURCE_METADATA } from '../config/mcp.constants.js';
import type { McpIcon } from '../config/mcp-options.interface.js';

/** Options of {@link Resource}. */
export interface ResourceOptions {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  icons?: McpIcon[];
  annotations?: { audience?: ('user' | 'assistant')[]; priority?: number; lastModified?: string };
  _meta?: Record<string, unknown>;
}

/**
 * Exposes a provider method as a fixed-URI resource. The method returns a string (text), a
 * Buffer (blob), one `{ text | blob, mimeType? }` content, or a full `{ contents: [...] }`.
 * @example
 * @Resource({ uri: 'tutor://tenses', name: 'tenses', mimeType: 'text/markdown' })
 * tenses() { return '# Tenses ...'; }
 */
export const Resource = (options: ResourceOptions): MethodDecorator =>
  SetMetadata(MCP_RESOURCE_METADATA, options);
