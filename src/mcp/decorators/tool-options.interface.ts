import type { McpIcon } from '../config/mcp-options.interface.js';
import type { SchemaSource } from '../schema/schema-source.type.js';

/** Hints about a tool's behaviour (informational: never used for authorization). */
export interface McpToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** Options of {@link Tool}. */
export interface ToolOptions {
  /** Defaults to the method name. 1-128 characters of `A-Z a-z 0-9 _ - .`. */
  name?: string;
  title?: string;
  description?: string;
  /**
   * Arguments schema: a class-validator DTO class, a JSON Schema object (2020-12 by default),
   * or a zod schema. When omitted, the DTO type of the `@Args()` parameter is used, else `{}`.
   */
  inputSchema?: SchemaSource;
  /** Schema of `structuredContent`; a returned object is validated against it. */
  outputSchema?: SchemaSource;
  annotations?: McpToolAnnotations;
  icons?: McpIcon[];
  _meta?: Record<string, unknown>;
  execution?: { taskSupport?: 'forbidden' | 'optional' | 'required' };
  /**
   * `write` tools need a fresh signature on each call from signed agents, or a valid bearer
   * token on each call from token holders. Default `read`.
   */
  access?: 'read' | 'write';
  scopes?: string[];
  roles?: string[];
  /**
   * For a write tool: the oldest signature an agent may call it with, in seconds (default 60).
   * Read tools take any signature the verifier accepts.
   */
  maxSignatureAgeSec?: number;
  /**
   * Only signed agents may call this tool: a bearer token is not enough (401 with the
   * `Signature` challenge). For writes that must be attributable to a key. Default false.
   */
  requireSignature?: boolean;
  /** Per-tool rate limit. */
  rateLimit?: { limit: number; ttlMs: number };
}
