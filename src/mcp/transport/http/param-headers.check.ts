import type { IncomingMessage } from 'node:http';
import type { JsonSchemaObject } from '../../schema/schema-source.type.js';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { decodeHeaderValue } from './stateless-headers.check.js';
import { header } from './http-checks.js';
import { HttpMessages } from './http.messages.js';

/** One `x-mcp-header` declaration: the argument path and the header that mirrors it. */
export interface ParamHeader {
  path: string[];
  header: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const cache = new WeakMap<JsonSchemaObject, ParamHeader[]>();

/** Declarations reachable through plain `properties` chains only (SEP-2243). Cached per schema. */
export function paramHeaders(schema: JsonSchemaObject): ParamHeader[] {
  let found = cache.get(schema);
  if (found) return found;
  found = [];
  const walk = (node: unknown, path: string[]): void => {
    const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
    if (!properties || typeof properties !== 'object') return;
    for (const [key, child] of Object.entries(properties)) {
      const name = (child as Record<string, unknown>)['x-mcp-header'];
      if (typeof name === 'string' && TOKEN.test(name))
        found.push({ path: [...path, key], header: `mcp-param-${name.toLowerCase()}` });
      walk(child, [...path, key]);
    }
  };
  walk(schema, []);
  cache.set(schema, found);
  return found;
}

function mismatch(why: string): McpError {
  return new McpError(ErrorCode.HeaderMismatch, HttpMessages.headerMismatch(why), undefined, 400);
}

/** Each declared argument that has a value must be mirrored, exactly, by its `Mcp-Param-*` header. */
export function checkParamHeaders(
  req: IncomingMessage,
  args: unknown,
  declarations: ParamHeader[],
): void {
  for (const { path, header: name } of declarations) {
    const value = path.reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
      args,
    );
    const raw = header(req, name);
    if (value === undefined || value === null) continue;
    if (raw === undefined) throw mismatch(HttpMessages.paramHeaderRequired(name, path.join('.')));
    const decoded = decodeHeaderValue(raw);
    const same =
      typeof value === 'number'
        ? Number(decoded) === value && decoded.trim() !== ''
        : (typeof value === 'string' || typeof value === 'boolean') && `${value}` === decoded;
    if (!same) throw mismatch(HttpMessages.paramHeaderDiffers(name, path.join('.')));
  }
}
