import { CR, LF } from './stdio.constants.js';
import { StdioMessages } from './stdio.messages.js';
import { decodeMessage, frameError } from './stdio-frame.events.js';
import { type StdioFrameEvent } from './stdio-framing.types.js';

/**
 * Splits newline-delimited JSON on bytes, so a multi-byte character split across chunks is
 * only decoded once its line is complete.
 */
export class NdjsonLineReader {
  private parts: Buffer[] = [];
  private size = 0;
  // After an oversized line: drop bytes until the next newline instead of buffering them.
  private discarding = false;

  constructor(private readonly maxBytes: number) {}

  /** Consumes a chunk, appending any completed messages or errors to `out`. */
  push(chunk: Buffer, out: StdioFrameEvent[]): void {
    let start = 0;
    for (let nl = chunk.indexOf(LF); nl !== -1; nl = chunk.indexOf(LF, start)) {
      if (this.discarding) this.discarding = false;
      else this.completeLine(chunk.subarray(start, nl), out);
      start = nl + 1;
    }
    if (start < chunk.length && !this.discarding) this.append(chunk.subarray(start), out);
  }

  /** Input ended: a last line without its newline is still a whole message. */
  end(out: StdioFrameEvent[]): void {
    if (this.size > 0) this.completeLine(Buffer.alloc(0), out);
    this.discarding = false;
  }

  private append(segment: Buffer, out: StdioFrameEvent[]): void {
    if (this.exceedsCap(segment.length)) return this.reject(out, true);
    this.parts.push(segment);
    this.size += segment.length;
  }

  private completeLine(tail: Buffer, out: StdioFrameEvent[]): void {
    if (this.exceedsCap(tail.length)) return this.reject(out, false);
    let line = this.size === 0 ? tail : Buffer.concat([...this.parts, tail]);
    this.reset();
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, -1);
    if (line.length > this.maxBytes) return this.reject(out, false);
    if (isBlank(line)) return;
    out.push(decodeMessage(line, 'ndjson'));
  }

  // One byte of slack: a line of exactly maxBytes may still be followed by its '\r'.
  private exceedsCap(extra: number): boolean {
    return this.size + extra > this.maxBytes + 1;
  }

  private reject(out: StdioFrameEvent[], untilNewline: boolean): void {
    out.push(frameError(StdioMessages.lineTooLong(this.maxBytes), 'ndjson'));
    this.reset();
    this.discarding = untilNewline;
  }

  private reset(): void {
    this.parts = [];
    this.size = 0;
  }
}

function isBlank(line: Buffer): boolean {
  return line.every((byte) => byte === 0x20 || byte === 0x09 || byte === CR);
}
