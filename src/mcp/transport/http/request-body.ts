import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpMessages } from '../../config/mcp.messages.js';
import { reject } from './http-response.writer.js';
import { answerTooLarge } from './payload-too-large.js';
import { BodyTooLargeError, readRawBody } from './raw-body.reader.js';
import { logContextOf } from '../../logging/log-context.js';
import { McpLogger } from '../../logging/mcp.logger.js';
import { HttpMessages } from './http.messages.js';

/** The raw body a front-of-stack reader stored, or the error it met. */
export interface McpRawRequest extends IncomingMessage {
  mcpRawBody?: Buffer;
  mcpBodyError?: Error;
  /** Set by Nest's own parsers when the app was created with `rawBody: true`. */
  rawBody?: Buffer;
  /** The Content-Type as received, when an adapter hook had to stand another in (Fastify). */
  mcpContentType?: string;
}

/** The request's Content-Type as the client sent it. */
export function contentTypeOf(req: McpRawRequest): string | undefined {
  if (req.mcpContentType !== undefined) return req.mcpContentType || undefined;
  return req.headers['content-type'];
}

const logger = new McpLogger('McpTransport');

/**
 * The exact bytes received: read here, or kept earlier by the front-of-stack reader (Express)
 * or the adapter's raw-body parser. Never re-serialised from a parsed body. Writes 413/500
 * and returns undefined when they cannot be had.
 */
export async function requestBody(
  req: McpRawRequest,
  res: ServerResponse,
  maxBytes: number,
): Promise<Buffer | undefined> {
  try {
    if (req.mcpBodyError) throw req.mcpBodyError;
    if (req.mcpRawBody) return req.mcpRawBody;
    if (Buffer.isBuffer(req.rawBody)) {
      if (req.rawBody.length > maxBytes) throw new BodyTooLargeError();
      return req.rawBody;
    }
    if (req.readableEnded) throw new Error(McpMessages.rawBodyUnavailable());
    return await readRawBody(req, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      answerTooLarge(req, res);
    } else {
      logger.error((error as Error).message, logContextOf(req));
      reject(res, 500, HttpMessages.bodyUnreadable());
    }
    return undefined;
  }
}
