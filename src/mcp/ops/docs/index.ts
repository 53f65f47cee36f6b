// Public surface of the documentation feature (imported by the library's entry only).
export { McpDocs, type DocsDocument } from './mcp-docs.service.js';
export type { McpDocsOptions } from './docs-options.interface.js';
export type {
  DocsManifest,
  DocsTool,
  DocsResource,
  DocsResourceTemplate,
  DocsPrompt,
  DocsPromptArgument,
  DocsAccess,
  DocsRateLimit,
  DocsEndpoint,
  DocsTransport,
} from './docs-manifest.types.js';
