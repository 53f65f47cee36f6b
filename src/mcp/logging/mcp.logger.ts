import { Logger } from '@nestjs/common';
import type { LogContext } from './log-context.js';

let jsonLines = false;

/**
 * Nest's Logger with the request id and session id of the request on each line
 * (`[req=… session=…] message`, or fields of a JSON object in JSON mode). It never logs
 * bodies, signatures or keys: callers pass short descriptions only.
 */
export class McpLogger {
  private readonly logger: Logger;

  constructor(context: string) {
    this.logger = new Logger(context);
  }

  /** JSON mode: each message becomes `{ message, requestId, sessionId }` (pair with ConsoleLogger `json: true`). */
  static useJson(enabled: boolean): void {
    jsonLines = enabled;
  }

  /** `fields` join the JSON object in JSON mode; plain lines carry `message` only. */
  log(message: string, ctx?: LogContext, fields?: Record<string, unknown>): void {
    this.logger.log(this.format(message, ctx, fields));
  }

  warn(message: string, ctx?: LogContext): void {
    this.logger.warn(this.format(message, ctx));
  }

  error(message: string, ctx?: LogContext): void {
    this.logger.error(this.format(message, ctx));
  }

  debug(message: string, ctx?: LogContext): void {
    this.logger.debug(this.format(message, ctx));
  }

  private format(
    message: string,
    ctx: LogContext | undefined,
    fields?: Record<string, unknown>,
  ): string | Record<string, unknown> {
    if (jsonLines) return { message, ...ctx, ...fields };
    if (!ctx) return message;
    return `[req=${ctx.requestId}${ctx.sessionId ? ` session=${ctx.sessionId.slice(0, 8)}…` : ''}] ${message}`;
  }
}
