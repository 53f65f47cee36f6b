import {
  CONTENT_LENGTH_PREFIX_BYTES,
  matchesContentLengthPrefix,
} from './content-length-header.matcher.js';
import { ContentLengthFrameReader } from './content-length-frame.reader.js';
import { NdjsonLineReader } from './ndjson-line.reader.js';
import { CR, DEFAULT_MAX_MESSAGE_BYTES, LF } from './stdio.constants.js';
import { describeError, StdioMessages } from './stdio.messages.js';
import { frameError } from './stdio-frame.events.js';
import {
  type StdioFrameDecoderOptions,
  type StdioFrameEvent,
  type StdioFraming,
} from './stdio-framing.types.js';

const EMPTY = Buffer.alloc(0);

/**
 * Turns stdin chunks into messages. The framing is detected once, from the first
 * non-whitespace bytes: `Content-Length:` (any case) selects LSP-style frames, anything else
 * newline-delimited JSON. Bad input becomes an error event; `push` never throws.
 *
 * @example
 * const decoder = new StdioFrameDecoder({ maxMessageBytes: 1024 * 1024 });
 * process.stdin.on('data', (chunk: Buffer) => {
 *   for (const event of decoder.push(chunk)) console.error(event.kind, event.framing);
 * });
 */
export class StdioFrameDecoder {
  private readonly maxBytes: number;
  private reader?: NdjsonLineReader | ContentLengthFrameReader;
  private detected?: StdioFraming;
  // Leading bytes seen before the framing could be decided (fewer than 15).
  private sniffed = EMPTY;

  /** @throws RangeError if `maxMessageBytes` is not a positive safe integer. */
  constructor(options: StdioFrameDecoderOptions = {}) {
    const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    // A configuration mistake, so it fails at boot rather than silently using the default.
    if (!Number.isSafeInteger(max) || max <= 0) {
      throw new RangeError(StdioMessages.invalidMaxMessageBytes(max));
    }
    this.maxBytes = max;
  }

  /** The framing detected so far; undefined until the first non-whitespace byte arrives. */
  get framing(): StdioFraming | undefined {
    return this.detected;
  }

  /** Feeds one chunk of input; returns the messages and errors it completed, in order. */
  push(chunk: Uint8Array): StdioFrameEvent[] {
    const out: StdioFrameEvent[] = [];
    try {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      const rest = this.reader ? bytes : this.detect(bytes);
      if (rest && rest.length > 0) this.reader?.push(rest, out);
    } catch (error) {
      out.push(frameError(StdioMessages.decoderFailure(describeError(error)), this.framingOr()));
    }
    return out;
  }

  /** Input ended; returns what the end completes (a last unterminated line, or an error). */
  end(): StdioFrameEvent[] {
    const out: StdioFrameEvent[] = [];
    try {
      // A stream too short to be a header ("Conte") is an ndjson line.
      if (!this.reader && this.sniffed.length > 0) this.choose('ndjson').push(this.sniffed, out);
      this.sniffed = EMPTY;
      this.reader?.end(out);
    } catch (error) {
      out.push(frameError(StdioMessages.decoderFailure(describeError(error)), this.framingOr()));
    }
    return out;
  }

  /** Returns the bytes to hand to the chosen reader, or undefined while still undecided. */
  private detect(chunk: Buffer): Buffer | undefined {
    const bytes = this.sniffed.length > 0 ? Buffer.concat([this.sniffed, chunk]) : chunk;
    this.sniffed = EMPTY;
    let start = 0;
    while (start < bytes.length && isWhitespace(bytes[start])) start++;
    const rest = bytes.subarray(start);
    if (rest.length === 0) return undefined;
    const count = Math.min(rest.length, CONTENT_LENGTH_PREFIX_BYTES);
    if (!matchesContentLengthPrefix(rest, 0, count)) {
      this.choose('ndjson');
      return rest;
    }
    if (count === CONTENT_LENGTH_PREFIX_BYTES) {
      this.choose('content-length');
      return rest;
    }
    this.sniffed = Buffer.from(rest);
    return undefined;
  }

  private choose(framing: StdioFraming): NdjsonLineReader | ContentLengthFrameReader {
    this.detected = framing;
    this.reader =
      framing === 'ndjson'
        ? new NdjsonLineReader(this.maxBytes)
        : new ContentLengthFrameReader(this.maxBytes);
    return this.reader;
  }

  private framingOr(): StdioFraming {
    return this.detected ?? 'ndjson';
  }
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === CR || byte === LF;
}
