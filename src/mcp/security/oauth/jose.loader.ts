import { McpMessages } from '../../config/mcp.messages.js';

/** The optional peer's module type; kept out of every public declaration. */
export type Jose = typeof import('jose');

let jose: Promise<Jose> | undefined;

/** The optional peer jose, or an error with the install hint. */
export function loadJose(): Promise<Jose> {
  jose ??= import('jose').catch(() => {
    jose = undefined;
    throw new Error(McpMessages.missingPeer('jose', 'OAuth bearer tokens (JWT access tokens)'));
  });
  return jose;
}
