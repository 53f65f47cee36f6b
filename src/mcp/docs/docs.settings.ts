import { joinPath } from '../ops.http.js';
import type { McpDocsOptions } from './docs-options.interface.js';

/** Routes of the documentation, resolved at import time. */
export interface DocsSettings {
  jsonPath: string;
  pagePath: string;
}

/** Undefined when the documentation is disabled. */
export function resolveDocsSettings(
  option: McpDocsOptions | false | undefined,
  mcpPath: string,
): DocsSettings | undefined {
  if (option === false || option?.enabled === false) return undefined;
  return { jsonPath: joinPath(mcpPath, 'docs.json'), pagePath: joinPath(mcpPath, 'docs') };
}
