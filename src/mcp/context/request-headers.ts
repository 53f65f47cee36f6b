import type { IncomingMessage } from 'node:http';

/** Request headers as a tool sees them: lower-cased names, repeated values joined with `, `. */
export type McpRequestHeaders = Readonly<Record<string, string>>;

const NONE: McpRequestHeaders = Object.freeze(Object.create(null) as Record<string, string>);

/**
 * A frozen copy of the request's headers as received. Read from `headersDistinct` (built from
 * the raw header lines), since the Fastify body hook rewrites `content-type`/`content-length`
 * on `headers`.
 */
export function readRequestHeaders(req: IncomingMessage | undefined): McpRequestHeaders {
  if (!req) return NONE;
  const view = Object.create(null) as Record<string, string>;
  for (const [name, values] of Object.entries(req.headersDistinct))
    if (values) view[name] = values.join(', ');
  return Object.freeze(view);
}
