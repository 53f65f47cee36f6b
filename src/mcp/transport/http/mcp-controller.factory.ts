import {
  Controller,
  Delete,
  Get,
  Options,
  Patch,
  Post,
  Put,
  Inject,
  Req,
  Res,
  type Type,
} from '@nestjs/common';
import { nodeRequest, nodeResponse } from '../../http/node-http.js';
import { describeForOpenApi, tagForOpenApi } from '../../http/ops-route.js';
import { answerPreflight } from './http-preflight.js';
import { McpHttpTransport, type McpRawRequest } from './mcp-http.transport.js';
import { HTTP_SETTINGS, type HttpSettings } from './http-settings.js';

/**
 * Builds the Streamable HTTP controller at the configured path. Handlers write to the raw
 * response themselves (`@Res()`), so the host's interceptors and filters never reshape
 * protocol messages.
 */
export function createMcpController(path: string): Type<unknown> {
  @Controller(path)
  class McpController {
    constructor(
      private readonly transport: McpHttpTransport,
      @Inject(HTTP_SETTINGS) private readonly settings: HttpSettings,
    ) {}

    @Post()
    post(@Req() req: unknown, @Res() res: unknown): Promise<void> {
      return this.transport.post(nodeRequest<McpRawRequest>(req), nodeResponse(res));
    }

    @Get()
    get(@Req() req: unknown, @Res() res: unknown): Promise<void> {
      return this.transport.get(nodeRequest<McpRawRequest>(req), nodeResponse(res));
    }

    @Delete()
    delete(@Req() req: unknown, @Res() res: unknown): Promise<void> {
      return this.transport.delete(nodeRequest<McpRawRequest>(req), nodeResponse(res));
    }

    @Options()
    preflight(@Req() req: unknown, @Res() res: unknown): void {
      answerPreflight(nodeRequest<McpRawRequest>(req), nodeResponse(res), this.settings);
    }

    // Explicit methods, not @All(): Fastify refuses a catch-all beside routes of the same path.
    @Put()
    @Patch()
    other(@Res() res: unknown): void {
      this.transport.notAllowed(nodeResponse(res));
    }
  }
  const proto = McpController.prototype;
  tagForOpenApi(McpController);
  describeForOpenApi(Object.getOwnPropertyDescriptor(proto, 'post')!.value as object, {
    summary: 'MCP Streamable HTTP: send a JSON-RPC request or notification',
    description:
      'Both protocol eras: session (initialize, Mcp-Session-Id) and stateless (2026-07-28 `_meta` envelope). Answers JSON, or SSE while a call streams.',
    responses: {
      200: 'JSON-RPC response (JSON or SSE)',
      202: 'Notification or response accepted',
      400: 'Malformed request',
      401: 'Signature required or invalid',
      404: 'Unknown session or removed method',
      413: 'Body too large',
      415: 'Not JSON',
      429: 'Rate limited',
    },
  });
  describeForOpenApi(Object.getOwnPropertyDescriptor(proto, 'get')!.value as object, {
    summary: "MCP Streamable HTTP: open the session's SSE stream",
    description: 'Session era only; `Last-Event-ID` resumes a stream.',
    responses: {
      200: 'text/event-stream',
      404: 'Unknown session',
      405: 'Stateless era',
      409: 'Stream already open',
    },
  });
  describeForOpenApi(Object.getOwnPropertyDescriptor(proto, 'delete')!.value as object, {
    summary: 'MCP Streamable HTTP: end the session',
    responses: { 200: 'Session ended', 404: 'Unknown session' },
  });
  return McpController;
}
