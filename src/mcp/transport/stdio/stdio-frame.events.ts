import { StdioMessages } from './stdio.messages.js';
import { type StdioFrameEvent, type StdioFraming } from './stdio-framing.types.js';

// fatal: a message with broken UTF-8 is rejected instead of reaching the core with U+FFFD
// silently substituted into its strings. A leading BOM is dropped, as JSON.parse rejects it.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A frame error event. */
export function frameError(reason: string, framing: StdioFraming): StdioFrameEvent {
  return { kind: 'error', reason, framing };
}

/** Decodes one complete message's bytes (never a partial one, so no char is split). */
export function decodeMessage(bytes: Uint8Array, framing: StdioFraming): StdioFrameEvent {
  try {
    return { kind: 'message', text: utf8.decode(bytes), framing };
  } catch {
    return frameError(StdioMessages.invalidUtf8(), framing);
  }
}
