import { stringifyMessage } from '../../protocol/raw-json.js';
import { type StdioFraming } from './stdio-framing.types.js';
import { StdioMessages } from './stdio.messages.js';

// Legal raw inside JSON strings, but Unicode line breaks to peers that split lines with e.g.
// Python's str.splitlines(); escaping keeps one message on one line for every reader.
const UNICODE_LINE_BREAKS = /[\u0085\u2028\u2029]/g;

function escapeLineBreak(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Serialises one message as a frame in the given framing: JSON plus `\n` for ndjson, or a
 * `Content-Length` header counting UTF-8 bytes. Throws a TypeError if the value has no JSON
 * form (undefined, a function) and whatever JSON.stringify throws (cycles, BigInt).
 *
 * @example
 * output.write(encodeFrame({ jsonrpc: '2.0', id: 1, result: {} }, 'content-length'));
 */
export function encodeFrame(message: unknown, framing: StdioFraming): Buffer {
  const json = (
    message !== null && typeof message === 'object'
      ? stringifyMessage(message)
      : JSON.stringify(message)
  ) as string | undefined;
  if (json === undefined) throw new TypeError(StdioMessages.noJsonRepresentation());
  // Outside strings JSON.stringify emits only ASCII, so every match is inside a string.
  const body = json.replace(UNICODE_LINE_BREAKS, escapeLineBreak);
  if (framing === 'ndjson') return Buffer.from(`${body}\n`, 'utf8');
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`, 'utf8');
}
