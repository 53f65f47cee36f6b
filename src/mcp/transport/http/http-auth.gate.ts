import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpError } from '../../protocol/mcp.error.js';
import type { McpPrincipal } from '../../security/principal.interface.js';
import { McpRateLimiter } from '../../security/rate-limiter.js';
import { RequestAuthenticator } from '../../security/request.authenticator.js';
import { writeError } from './http-response.writer.js';

/**
 * The authentication gate of every HTTP transport (Streamable HTTP and legacy SSE): limits
 * before verification, the credential verified, failures counted against the address, and the
 * refusal written with its challenge.
 */
@Injectable()
export class HttpAuthGate {
  constructor(
    private readonly auth: RequestAuthenticator,
    private readonly limiter: McpRateLimiter,
  ) {}

  /** The request's principal, or undefined once a 400/401/503 has been written. */
  async authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    body?: Buffer,
  ): Promise<McpPrincipal | undefined> {
    let principal: McpPrincipal;
    try {
      await this.limiter.preAuth(req);
      try {
        principal = await this.auth.authenticate(req, body);
      } catch (error) {
        // A failed verification counts against the address (400/401, not a store outage).
        const status = (error as McpError).httpStatus ?? 401;
        throw (
          (status === 400 || status === 401 ? await this.limiter.authFailed(req) : error) ?? error
        );
      }
      await this.limiter.principal(req, principal);
      return principal;
    } catch (error) {
      const e = error as McpError;
      writeError(res, e.httpStatus ?? 401, e, null, e.headers);
      return undefined;
    }
  }
}
