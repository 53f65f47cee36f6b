/**
 * The generated documentation (`McpModule.forRoot({ docs })`): `<mcp endpoint>/docs.json` and
 * the HTML page at `<mcp endpoint>/docs`. Both list every tool, including those only signed
 * agents may call; turn them off where that list is itself sensitive.
 * @example
 * McpModule.forRoot({ serverInfo, docs: { enabled: process.env.NODE_ENV !== 'production' } })
 */
export interface McpDocsOptions {
  /** Default true. */
  enabled?: boolean;
}
