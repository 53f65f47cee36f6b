import { McpMessages } from '../../mcp.messages.js';

// In a file of its own so that no published declaration names the optional peer: the
// verifier's declarations would otherwise import 'jose' for a consumer who never installed it.

/** The `jose` module's type. */
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
