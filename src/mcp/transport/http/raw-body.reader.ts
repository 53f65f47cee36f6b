import type { IncomingMessage } from 'node:http';
import { McpMessages } from '../../config/mcp.messages.js';
import { HttpMessages } from './http.messages.js';

/** Thrown when a body exceeds the cap, declared or streamed. */
export class BodyTooLargeError extends Error {
  constructor() {
    super(HttpMessages.bodyTooLarge());
  }
}

/**
 * Reads the request body as raw bytes with a cap, rejecting as soon as the declared length
 * or the bytes received pass it, so an oversized body is never buffered whole.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) return Promise.reject(new BodyTooLargeError());
  // Already consumed by another parser: 'end' will never fire again, so fail instead of hanging.
  if (req.readableEnded) return Promise.reject(new Error(McpMessages.rawBodyUnavailable()));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.pause();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
