import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ParsedMessage } from '../../protocol/message.parser.js';
import { McpError } from '../../protocol/mcp.error.js';
import { readEnvelope } from '../../protocol/stateless-era/stateless-envelope.js';
import { StatelessEraAdapter } from '../../protocol/stateless-era/stateless-era.adapter.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import { header } from './http-checks.js';
import { writeEmpty, writeError } from './http-response.writer.js';
import type { HttpSettings } from './http-settings.js';
import { ResponseChannel } from './response.channel.js';
import { checkStandardHeaders } from './stateless-headers.check.js';
import { toErrorResponse } from './error-response.js';

/** POST in the stateless era: no session; closing the response stream cancels the call. */
@Injectable()
export class StatelessHttpHandler {
  constructor(private readonly adapter: StatelessEraAdapter) {}

  async post(req: IncomingMessage, res: ServerResponse, parsed: ParsedMessage, principal: McpPrincipal, settings: HttpSettings): Promise<void> {
    if (parsed.kind !== 'request') return writeEmpty(res, 202);
    const message = parsed.message;
    let envelope;
    try {
      envelope = readEnvelope(message.params, header(req, 'mcp-protocol-version'));
      checkStandardHeaders(req, message);
    } catch (error) {
      return writeError(res, (error as McpError).httpStatus ?? 400, error as McpError, message.id);
    }
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const channel = new ResponseChannel(res, { sse: settings.sse, headers: {} });
    try {
      const result = await this.adapter.request(message, envelope, { principal, channel, signal: abort.signal });
      await channel.complete({ jsonrpc: '2.0', id: message.id, result });
    } catch (error) {
      const { status, response } = toErrorResponse(error, message.id);
      await channel.complete(response, status);
    }
  }
}
