import { Controller, Get, Post, Query, Req, RequestMethod, Res, type Type } from '@nestjs/common';
import { nodeRequest, nodeResponse } from '../../http/node-http.js';
import { RoutePaths } from '../../config/route-paths.js';
import { LegacySseTransport } from './legacy-sse.transport.js';
import type { McpRawRequest } from './request-body.js';

/** Builds the legacy HTTP+SSE controller (`GET <ssePath>`, `POST <messagesPath>`). */
export function createLegacySseController(ssePath: string, messagesPath: string): Type<unknown> {
  @Controller()
  class McpLegacySseController {
    private messagesUrl?: string;

    constructor(
      private readonly transport: LegacySseTransport,
      private readonly routes: RoutePaths,
    ) {}

    @Get(ssePath)
    open(@Req() req: unknown, @Res() res: unknown): Promise<void> {
      // The endpoint event names the POST URL as this app serves it (prefix, version, module path).
      this.messagesUrl ??= this.routes.first(messagesPath, RequestMethod.POST);
      const messagesUrl = this.messagesUrl;
      return this.transport.open(nodeRequest<McpRawRequest>(req), nodeResponse(res), messagesUrl);
    }

    @Post(messagesPath)
    message(
      @Req() req: unknown,
      @Res() res: unknown,
      @Query('sessionId') sessionId?: string,
    ): Promise<void> {
      return this.transport.message(nodeRequest<McpRawRequest>(req), nodeResponse(res), sessionId);
    }
  }
  return McpLegacySseController;
}
