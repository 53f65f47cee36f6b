export {
  bootstrapStdio,
  type StdioApplication,
  type StdioBootstrapOptions,
} from './bootstrap-stdio.js';
export { StderrLogger } from './stderr.logger.js';
export { StdioServer, type StdioServerDeps, type StdioServerOptions } from './stdio.server.js';
export { StdioConnection } from './stdio.connection.js';
export { StdioFrameDecoder } from './stdio-frame.decoder.js';
export { encodeFrame } from './stdio-frame.encoder.js';
export { DEFAULT_MAX_MESSAGE_BYTES } from './stdio.constants.js';
export type {
  StdioConnectionOptions,
  StdioFrameDecoderOptions,
  StdioFrameErrorEvent,
  StdioFrameEvent,
  StdioFraming,
  StdioLogger,
  StdioMessageEvent,
  StdioMessageHandler,
} from './stdio-framing.types.js';
