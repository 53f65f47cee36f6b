import {
  indexOfContentLength,
  CONTENT_LENGTH_PREFIX_BYTES,
} from './content-length-header.matcher.js';
import { CR, LF, MAX_HEADER_BLOCK_BYTES } from './stdio.constants.js';
import { StdioMessages } from './stdio.messages.js';
import { decodeMessage, frameError } from './stdio-frame.events.js';
import { type StdioFrameEvent } from './stdio-framing.types.js';

type State = 'headers' | 'body' | 'skip' | 'resync';

const EMPTY = Buffer.alloc(0);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Beyond 15 digits the value is no longer a safe integer, and far beyond any cap anyway.
const MAX_LENGTH_DIGITS = 15;

/**
 * Reads LSP-style frames: `Content-Length: N` plus optional other headers, a blank line, then
 * exactly N bytes. After a bad header block it scans for the next `Content-Length:`, so one
 * broken frame costs that frame only.
 */
export class ContentLengthFrameReader {
  private state: State = 'headers';
  // Bounded: an incomplete header line (≤ MAX_HEADER_BLOCK_BYTES) or a resync tail (< 15 bytes).
  private pending = EMPTY;
  private headerBytes = 0;
  private sawHeader = false;
  private declared: number | undefined;
  private body: Buffer[] = [];
  private remaining = 0;

  constructor(private readonly maxBytes: number) {}

  /** Consumes a chunk, appending any completed messages or errors to `out`. */
  push(chunk: Buffer, out: StdioFrameEvent[]): void {
    const buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    let pos = 0;
    while (pos < buffer.length) {
      if (this.state === 'headers') pos = this.readHeaderLine(buffer, pos, out);
      else if (this.state === 'body') pos = this.readBody(buffer, pos, out);
      else if (this.state === 'skip') pos = this.skipBody(buffer, pos);
      else pos = this.resync(buffer, pos);
    }
  }

  /** Input ended: a frame still being read is reported as truncated. */
  end(out: StdioFrameEvent[]): void {
    const midHeaders = this.state === 'headers' && (this.sawHeader || this.pending.length > 0);
    if (this.state === 'body' || midHeaders) {
      out.push(frameError(StdioMessages.endedInsideMessage(), 'content-length'));
    }
    this.state = 'headers';
    this.pending = EMPTY;
    this.body = [];
    this.remaining = 0;
    this.resetHeaders();
  }

  private readHeaderLine(buffer: Buffer, pos: number, out: StdioFrameEvent[]): number {
    const nl = buffer.indexOf(LF, pos);
    const lineEnd = nl === -1 ? buffer.length : nl;
    if (this.headerBytes + lineEnd - pos > MAX_HEADER_BLOCK_BYTES) {
      return this.fail(StdioMessages.headerTooLong(MAX_HEADER_BLOCK_BYTES), pos + 1, out);
    }
    if (nl === -1) {
      this.pending = Buffer.from(buffer.subarray(pos));
      return buffer.length;
    }
    // LSP demands CRLF; a bare LF is accepted too, as it cannot be mistaken for anything else.
    const end = nl > pos && buffer[nl - 1] === CR ? nl - 1 : nl;
    const problem = this.acceptHeaderLine(buffer.toString('latin1', pos, end), out);
    // Resync from one byte into the bad line: it may itself hold the next real header, as
    // when a too-short frame leaves `"}Content-Length: 12` behind.
    return problem === undefined ? nl + 1 : this.fail(problem, pos + 1, out);
  }

  /** Returns why the line is unacceptable, or undefined once it has been taken into account. */
  private acceptHeaderLine(line: string, out: StdioFrameEvent[]): string | undefined {
    if (line === '') return this.sawHeader ? this.endHeaders(out) : undefined;
    this.sawHeader = true;
    this.headerBytes += line.length + 2;
    const colon = line.indexOf(':');
    if (colon <= 0 || !TOKEN.test(line.slice(0, colon))) return StdioMessages.malformedHeader();
    // Other headers (Content-Type…) are allowed and ignored, as in LSP.
    if (line.slice(0, colon).toLowerCase() !== 'content-length') return undefined;
    if (this.declared !== undefined) return StdioMessages.duplicateContentLength();
    const raw = line.slice(colon + 1);
    // Only the single optional space after the colon is trimmed: Number() would also accept
    // '', ' 12 ', '0x10', '1e3' and '+12', which a strict peer would frame differently.
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (!/^[0-9]+$/.test(value)) return StdioMessages.invalidContentLength(value);
    const digits = value.replace(/^0+(?=[0-9])/, '');
    if (digits.length > MAX_LENGTH_DIGITS) {
      return StdioMessages.frameTooLarge(digits, this.maxBytes);
    }
    this.declared = Number(digits);
    return undefined;
  }

  private endHeaders(out: StdioFrameEvent[]): string | undefined {
    const length = this.declared;
    this.resetHeaders();
    if (length === undefined) return StdioMessages.missingContentLength();
    if (length === 0) {
      out.push(frameError(StdioMessages.emptyFrame(), 'content-length'));
    } else if (length > this.maxBytes) {
      // The length itself is well-formed, so skipping exactly that many bytes keeps sync
      // even if the skipped body happens to contain "Content-Length:".
      out.push(
        frameError(StdioMessages.frameTooLarge(String(length), this.maxBytes), 'content-length'),
      );
      this.state = 'skip';
      this.remaining = length;
    } else {
      this.state = 'body';
      this.remaining = length;
    }
    return undefined;
  }

  private readBody(buffer: Buffer, pos: number, out: StdioFrameEvent[]): number {
    const take = Math.min(this.remaining, buffer.length - pos);
    this.body.push(buffer.subarray(pos, pos + take));
    this.remaining -= take;
    if (this.remaining === 0) {
      const bytes = this.body.length === 1 ? this.body[0] : Buffer.concat(this.body);
      this.body = [];
      this.state = 'headers';
      out.push(decodeMessage(bytes, 'content-length'));
    }
    return pos + take;
  }

  private skipBody(buffer: Buffer, pos: number): number {
    const take = Math.min(this.remaining, buffer.length - pos);
    this.remaining -= take;
    if (this.remaining === 0) this.state = 'headers';
    return pos + take;
  }

  private resync(buffer: Buffer, pos: number): number {
    const at = indexOfContentLength(buffer, pos);
    if (at !== -1) {
      this.state = 'headers';
      return at;
    }
    // Keep just enough to find a header split across this chunk and the next.
    const keepFrom = Math.max(pos, buffer.length - (CONTENT_LENGTH_PREFIX_BYTES - 1));
    this.pending = Buffer.from(buffer.subarray(keepFrom));
    return buffer.length;
  }

  private fail(reason: string, resumeAt: number, out: StdioFrameEvent[]): number {
    out.push(frameError(reason, 'content-length'));
    this.resetHeaders();
    this.state = 'resync';
    return resumeAt;
  }

  private resetHeaders(): void {
    this.headerBytes = 0;
    this.sawHeader = false;
    this.declared = undefined;
  }
}
