import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, McpError } from '../../protocol/mcp.error.js';
import { HttpMessages } from './http.messages.js';

/** Bytes of an oversized body read and discarded so the client can read the 413. */
export const DEFAULT_DRAIN_BYTES = 8 * 1024 * 1024;
/** How long the drain may take before the socket is closed anyway. */
const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Answers 413 with `Connection: close`: the status and body go out at once, but the response
 * ends (and the socket closes) only once the rest of the request body has been read and
 * discarded, up to `drainBytes` and a few seconds. Closing while the client is still sending
 * makes Node's fetch and `node:http` fail with EPIPE before they read the status; past the
 * bound the socket is closed anyway, so the cap still bounds the work.
 */
export function answerTooLarge(
  req: IncomingMessage,
  res: ServerResponse,
  drainBytes = DEFAULT_DRAIN_BYTES,
): void {
  const payload = JSON.stringify({
    jsonrpc: '2.0',
    id: null,
    error: new McpError(ErrorCode.ServerError, HttpMessages.payloadTooLarge()).toJSON(),
  });
  res.writeHead(413, {
    connection: 'close',
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.write(payload);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (req.readableEnded || declared > drainBytes) return void res.end();
  let drained = 0;
  const finish = (abandon: boolean): void => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onEnd);
    if (abandon) res.once('finish', () => req.socket.destroy());
    res.end();
  };
  const onData = (chunk: Buffer): void => {
    drained += chunk.length;
    if (drained > drainBytes) finish(true);
  };
  const onEnd = (): void => finish(false);
  const timer = setTimeout(() => finish(true), DRAIN_TIMEOUT_MS);
  timer.unref();
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onEnd);
  req.resume();
}
