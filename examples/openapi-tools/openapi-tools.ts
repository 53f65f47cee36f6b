import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { McpRegistry } from 'nest-mcp';

/** Where the REST API lives and where its OpenAPI document is. */
export interface OpenApiSource {
  /** URL (or file path) of the OpenAPI 3 document. */
  document: string;
  /** Base URL the operations are called on. Default: the document's first `servers` entry. */
  baseUrl?: string;
}

/** The injection token of the {@link OpenApiSource}. */
export const OPENAPI_SOURCE = Symbol('OPENAPI_SOURCE');

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Method = (typeof METHODS)[number];
type Operation = OpenAPIV3.OperationObject;
type Parameter = OpenAPIV3.ParameterObject;
type Schema = OpenAPIV3.SchemaObject;

/**
 * Registers one MCP tool per operation of an OpenAPI 3 document, at boot: the parameters and
 * the JSON body become the tool's input schema; calling the tool calls the operation.
 */
@Injectable()
export class OpenApiTools implements OnApplicationBootstrap {
  private readonly logger = new Logger(OpenApiTools.name);

  constructor(
    private readonly registry: McpRegistry,
    @Inject(OPENAPI_SOURCE) private readonly source: OpenApiSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Parses, validates against the OpenAPI schema, and resolves every $ref (local or remote).
    // The document is the operator's own configuration, often on a private address, which the
    // resolver refuses by default (an SSRF guard meant for documents from strangers).
    const api = (await SwaggerParser.validate(this.source.document, {
      resolve: { http: { safeUrlResolver: false } },
    })) as OpenAPIV3.Document;
    const baseUrl = this.source.baseUrl ?? api.servers?.[0]?.url;
    if (!baseUrl) throw new Error(`No baseUrl given and no servers in ${this.source.document}`);
    for (const [path, item] of Object.entries(api.paths)) {
      for (const method of METHODS) {
        const operation = item?.[method];
        if (operation) this.register(baseUrl, path, method, operation, item.parameters);
      }
    }
  }

  private register(
    baseUrl: string,
    path: string,
    method: Method,
    operation: Operation,
    shared: unknown[] = [],
  ): void {
    const name = operation.operationId ?? `${method}_${path.replace(/\W+/g, '_')}`;
    // After dereferencing there are no $refs left, so the casts are safe.
    const parameters = [...shared, ...(operation.parameters ?? [])] as Parameter[];
    const body = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content[
      'application/json'
    ];
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const parameter of parameters.filter((p) => p.in === 'path' || p.in === 'query')) {
      properties[parameter.name] = {
        ...(parameter.schema as Schema),
        description: parameter.description,
      };
      if (parameter.required) required.push(parameter.name);
    }
    if (body?.schema) {
      properties.body = body.schema as Schema;
      if ((operation.requestBody as OpenAPIV3.RequestBodyObject).required) required.push('body');
    }
    const readOnly = method === 'get';
    this.registry.registerTool(
      {
        name,
        description: [operation.summary, operation.description].filter(Boolean).join('\n\n'),
        inputSchema: { type: 'object', properties, required, additionalProperties: false },
        annotations: { readOnlyHint: readOnly, destructiveHint: method === 'delete' },
        // Anything but GET changes the API's data: only signed agents may call it.
        access: readOnly ? 'read' : 'write',
      },
      (args: Record<string, unknown>) => this.call(baseUrl, path, method, parameters, args),
      { public: readOnly },
    );
    this.logger.log(`tool ${name} → ${method.toUpperCase()} ${path}`);
  }

  private async call(
    baseUrl: string,
    path: string,
    method: Method,
    parameters: Parameter[],
    args: Record<string, unknown>,
  ): Promise<string> {
    const expanded = path.replace(/\{(\w+)\}/g, (_, key: string) =>
      encodeURIComponent(String(args[key])),
    );
    const url = new URL(baseUrl.replace(/\/$/, '') + expanded);
    for (const parameter of parameters.filter((p) => p.in === 'query')) {
      const value = args[parameter.name];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        url.searchParams.set(parameter.name, String(value));
    }
    const response = await fetch(url, {
      method: method.toUpperCase(),
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: args.body === undefined ? undefined : JSON.stringify(args.body),
    });
    const text = await response.text();
    // A thrown error becomes an isError result the model can read.
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${text}`);
    return text;
  }
}
