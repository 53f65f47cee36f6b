/** Every text the stdio transport reports, to the client (frame errors) or to the logger. */
export const StdioMessages = {
  lineTooLong: (max: number) =>
    `Message exceeds ${max} bytes without a newline; it was skipped up to the next newline.`,
  parseError: () => 'Parse error',
  invalidUtf8: () => 'Message is not valid UTF-8.',
  endedInsideMessage: () => 'Input ended in the middle of a message.',
  malformedHeader: () =>
    'Malformed header line: expected "Name: value" before the blank line that ends the headers.',
  headerTooLong: (max: number) => `Header block exceeds ${max} bytes.`,
  invalidContentLength: (value: string) =>
    `Invalid Content-Length ${JSON.stringify(value.slice(0, 32))}: expected decimal digits only, as in "Content-Length: 42".`,
  duplicateContentLength: () => 'Content-Length appears more than once in one header block.',
  missingContentLength: () => 'Header block has no Content-Length.',
  emptyFrame: () => 'Content-Length is 0; a frame must carry a JSON-RPC message.',
  frameTooLarge: (length: string, max: number) =>
    `Content-Length ${length} exceeds the ${max}-byte limit; the frame was skipped.`,
  invalidMaxMessageBytes: (value: number) =>
    `stdio maxMessageBytes must be a positive integer number of bytes, got ${value}.`,
  decoderFailure: (why: string) => `stdio decoder failed unexpectedly: ${why}`,
  handlerFailed: (why: string) => `stdio message handler failed: ${why}`,
  encodeFailed: (why: string) => `stdio could not encode an outgoing message: ${why}`,
  noJsonRepresentation: () => 'The message has no JSON representation.',
  sendAfterClose: () => 'stdio connection is closed; an outgoing message was dropped.',
  outputFailed: (why: string) => `stdio output failed; further messages are dropped: ${why}`,
  inputFailed: (why: string) => `stdio input failed; treating it as end of input: ${why}`,
  abandonedHandlers: (count: number) =>
    `stdio shutdown grace period elapsed with ${count} handler(s) still running.`,
  notInitialized: (method: string) =>
    `Server not initialized: send "initialize" (then "notifications/initialized") before "${method}".`,
  unmatchedReply: (id: string) =>
    `stdio client answered request ${JSON.stringify(id)}, which no server→client request is waiting for; ignored.`,
  cancelledByClient: () => 'Cancelled by the client (notifications/cancelled).',
  inputClosed: () => 'stdio input closed before the client answered.',
  noClientRequestsStateless: () =>
    'Server→client requests are not allowed in the stateless era; use input_required results.',
  started: () =>
    'nest-mcp serving MCP over stdio (ndjson or Content-Length framing, detected from the first message).',
  closeFailed: (why: string) => `stdio server could not close the application cleanly: ${why}`,
} as const;

/** A readable description of anything thrown. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
