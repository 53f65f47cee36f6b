import { SetMetadata } from '@nestjs/common';
import { MCP_PROMPT_METADATA } from '../config/mcp.constants.js';
import type { McpIcon } from '../config/mcp-options.interface.js';
import type { CompletionHook } from './completion-hook.type.js';

/** One argument of a prompt (prompt arguments are strings). */
export interface PromptArgument {
  name: string;
  title?: string;
  description?: string;
  required?: boolean;
}

/** Options of {@link Prompt}. */
export interface PromptOptions {
  /** Defaults to the method name. */
  name?: string;
  title?: string;
  description?: string;
  arguments?: PromptArgument[];
  icons?: McpIcon[];
  _meta?: Record<string, unknown>;
  /** Completion hooks for arguments, keyed by argument name. */
  complete?: Record<string, CompletionHook>;
}

/**
 * Exposes a provider method as a prompt. The method returns a string (one user message),
 * an array of messages, or a full `{ description?, messages }` result.
 * @example
 * @Prompt({ name: 'drill', arguments: [{ name: 'tense', required: true }] })
 * drill(@Args() args: { tense: string }) { return `Quiz me on the ${args.tense}.`; }
 */
export const Prompt = (options: PromptOptions = {}): MethodDecorator =>
  SetMetadata(MCP_PROMPT_METADATA, options);
