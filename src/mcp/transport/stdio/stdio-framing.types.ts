import { type JsonRpcMessage } from '../../protocol/jsonrpc.types.js';

/**
 * How messages are delimited on a stdio connection: newline-delimited JSON (the MCP spec's
 * framing) or LSP-style `Content-Length` headers. Detected from the first bytes of input.
 */
export type StdioFraming = 'ndjson' | 'content-length';

/** One complete message, decoded from UTF-8 but not yet parsed as JSON. */
export interface StdioMessageEvent {
  kind: 'message';
  text: string;
  framing: StdioFraming;
}

/** Input that could not be turned into a message; the decoder has already resynchronised. */
export interface StdioFrameErrorEvent {
  kind: 'error';
  reason: string;
  framing: StdioFraming;
}

/** What {@link StdioFrameDecoder.push} reports, in input order. */
export type StdioFrameEvent = StdioMessageEvent | StdioFrameErrorEvent;

/** Options of the frame decoder. */
export interface StdioFrameDecoderOptions {
  /** Largest message (line or frame body) in bytes; larger input is reported and skipped. */
  maxMessageBytes?: number;
}

/** Where the connection reports its own problems; never stdout, which carries protocol frames. */
export interface StdioLogger {
  error(message: string): void;
  warn(message: string): void;
}

/**
 * Handles one decoded message. `text` is raw JSON (the core parses and validates it); `send`
 * writes a reply using the framing the client used.
 */
export type StdioMessageHandler = (
  text: string,
  send: (message: JsonRpcMessage) => void,
) => Promise<void>;

/** Options of {@link StdioConnection}. */
export interface StdioConnectionOptions extends StdioFrameDecoderOptions {
  logger?: StdioLogger;
}
