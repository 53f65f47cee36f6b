import type { McpToolAnnotations } from '../../decorators/tool-options.interface.js';
import type { McpIcon } from '../../config/mcp-options.interface.js';
import type { JsonSchemaObject } from '../../schema/schema-source.type.js';

/** Who may use an entry, as documented (the same policy every call is checked against). */
export interface DocsAccess {
  /** Anonymous (unsigned) agents may use it. */
  public: boolean;
  access: 'read' | 'write';
  scopes: string[];
  roles: string[];
  /** Oldest signature accepted, in seconds. */
  maxSignatureAgeSec?: number;
  /** Signed agents only: bearer tokens are not accepted. */
  requireSignature?: boolean;
}

/** A tool's own rate limit, as documented. */
export interface DocsRateLimit {
  limit: number;
  windowMs: number;
}

/** One tool in the manifest: its wire definition plus who may call it. */
export interface DocsTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: JsonSchemaObject;
  outputSchema?: JsonSchemaObject;
  annotations?: McpToolAnnotations;
  icons?: McpIcon[];
  execution?: { taskSupport?: 'forbidden' | 'optional' | 'required' };
  access: DocsAccess;
  rateLimit?: DocsRateLimit;
}

/** One fixed-URI resource in the manifest. */
export interface DocsResource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  access: DocsAccess;
}

/** One resource template (RFC 6570) in the manifest. */
export interface DocsResourceTemplate {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  access: DocsAccess;
}

/** One argument of a documented prompt. */
export interface DocsPromptArgument {
  name: string;
  title?: string;
  description?: string;
  required: boolean;
}

/** One prompt in the manifest. */
export interface DocsPrompt {
  name: string;
  title?: string;
  description?: string;
  arguments: DocsPromptArgument[];
  access: DocsAccess;
}

/** One HTTP endpoint the server offers (paths include the app's global prefix). */
export interface DocsEndpoint {
  name:
    | 'mcp'
    | 'sse'
    | 'messages'
    | 'docs.json'
    | 'docs'
    | 'health'
    | 'liveness'
    | 'readiness'
    | 'metrics';
  path: string;
  methods: string[];
  description: string;
}

/** One transport the server offers (Streamable HTTP, legacy SSE), as documented. */
export interface DocsTransport {
  /** Streamable HTTP, or the legacy HTTP+SSE transport of 2024-11-05 (`path` is its GET stream). */
  type: 'streamable-http' | 'sse';
  path: string;
  /** Session era (initialize, Mcp-Session-Id) and/or stateless era (`_meta` envelope). */
  eras: ('session' | 'stateless')[];
  /** The session era's standalone GET stream is offered. */
  getStream: boolean;
}

/**
 * The server's machine-readable documentation (`docs.json`); its JSON Schema is
 * `config/docs-manifest.schema.json`.
 */
export interface DocsManifest {
  manifestVersion: 1;
  server: {
    name: string;
    version: string;
    title?: string;
    description?: string;
    websiteUrl?: string;
    icons?: McpIcon[];
    instructions?: string;
  };
  protocol: {
    versions: string[];
    sessionEra: string[];
    statelessEra: string[];
    latest: string;
  };
  authentication: {
    scheme: 'http-message-signatures';
    specification: 'RFC 9421';
    signatureTag: 'mcp';
    /** Unsigned requests act as the anonymous principal, which sees only public entries. */
    anonymous: 'public-entries-only';
  };
  endpoints: DocsEndpoint[];
  transports: DocsTransport[];
  tools: DocsTool[];
  resources: DocsResource[];
  resourceTemplates: DocsResourceTemplate[];
  prompts: DocsPrompt[];
}
