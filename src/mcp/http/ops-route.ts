import { Get } from '@nestjs/common';

/** How an operational route appears in the host's OpenAPI document, when it has one. */
export interface OpsRouteDoc {
  summary: string;
  description?: string;
  /** Status code → description, e.g. `{ 200: 'Ready', 503: 'Not ready' }`. */
  responses: Record<number, string>;
}

/**
 * The metadata keys @nestjs/swagger reads (`swagger/apiOperation`, `swagger/apiResponse`,
 * `swagger/apiUseTags`), stable since its v4. Written directly so nest-mcp never imports
 * swagger: hosts that use it get described endpoints, others carry inert metadata.
 */
const SWAGGER_OPERATION = 'swagger/apiOperation';
const SWAGGER_RESPONSES = 'swagger/apiResponse';
const SWAGGER_TAGS = 'swagger/apiUseTags';

/** The OpenAPI tag every nest-mcp endpoint is grouped under. */
export const OPENAPI_TAG = 'MCP';

/** Groups a generated controller under the MCP tag in the host's OpenAPI document. */
export function tagForOpenApi(target: object): void {
  Reflect.defineMetadata(SWAGGER_TAGS, [OPENAPI_TAG], target);
}

/**
 * Routes `GET path` to a method of a generated controller, only when the path is configured:
 * operational endpoints can each be turned off, so their routes are decided at import time.
 */
export function routeGet(
  target: { prototype: object },
  method: string,
  path: string | undefined,
  doc?: OpsRouteDoc,
): void {
  if (path === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target.prototype, method);
  if (!descriptor) throw new Error(`routeGet: no method ${method}`);
  Get(path)(target.prototype, method, descriptor);
  if (doc) describeForOpenApi(descriptor.value as object, doc);
}

/** Writes the OpenAPI description of one route handler (inert without @nestjs/swagger). */
export function describeForOpenApi(handler: object, doc: OpsRouteDoc): void {
  Reflect.defineMetadata(
    SWAGGER_OPERATION,
    { summary: doc.summary, ...(doc.description ? { description: doc.description } : {}) },
    handler,
  );
  const responses = Object.fromEntries(
    Object.entries(doc.responses).map(([status, description]) => [status, { description }]),
  );
  Reflect.defineMetadata(SWAGGER_RESPONSES, responses, handler);
}
