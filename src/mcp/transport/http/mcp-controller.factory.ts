import { Controller, Delete, Get, Options, Patch, Post, Put, Req, Res, type Type } from '@nestjs/common';
import { answerPreflight } from './http-preflight.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpHttpTransport, type McpRawRequest } from './mcp-http.transport.js';

/** Express hands Node's objects themselves; Fastify wraps them (`.raw`). */
const nodeReq = (req: unknown): McpRawRequest => ((req as { raw?: IncomingMessage }).raw ?? req) as McpRawRequest;
const nodeRes = (res: unknown): ServerResponse => ((res as { raw?: ServerResponse }).raw ?? res) as ServerResponse;

/**
 * Builds the Streamable HTTP controller at the configured path. Handlers write to the raw
 * response themselves (`@Res()`), so the host's interceptors and filters never reshape
 * protocol messages.
 */
export function createMcpController(path: string): Type<unknown> {
  @Controller(path)
  class McpController {
    constructor(private readonly transport: McpHttpTransport) {}

    @Post()
    post(@Req() req: unknown, @Res() res: unknown): Promise<void> {
      return this.transport.post(nodeReq(req), nodeRes(res));
    }

    @Get()
    get(@Req() req: unknown, @Res() res: unknown): Promise<void> {
      return this.transport.get(nodeReq(req), nodeRes(res));
    }

    @Delete()
    delete(@Req() req: unknown, @Res() res: unknown): Promise<void> {
      return this.transport.delete(nodeReq(req), nodeRes(res));
    }

    @Options()
    preflight(@Req() req: unknown, @Res() res: unknown): void {
      answerPreflight(nodeReq(req), nodeRes(res), this.transport.settings);
    }

    // Explicit methods, not @All(): Fastify refuses a catch-all beside routes of the same path.
    @Put()
    @Patch()
    other(@Res() res: unknown): void {
      this.transport.notAllowed(nodeRes(res));
    }
  }
  // The host's global ThrottlerGuard (throttler "default") leaves the endpoint to this library's own limits.
  Reflect.defineMetadata('THROTTLER:SKIPdefault', true, McpController);
  return McpController;
}
