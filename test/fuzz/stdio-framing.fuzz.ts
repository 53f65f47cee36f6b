import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StdioFrameDecoder } from '../../src/mcp/transport/stdio/stdio-frame.decoder.js';
import { encodeFrame } from '../../src/mcp/transport/stdio/stdio-frame.encoder.js';
import type { StdioFraming } from '../../src/mcp/transport/stdio/stdio-framing.types.js';
import { check } from './fuzz-runs.js';

// As JSON carries it (JSON has no -0): what a peer can actually send.
const message = fc
  .record({
    jsonrpc: fc.constant('2.0'),
    id: fc.integer(),
    method: fc.string(),
    params: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  })
  .map((m) => JSON.parse(JSON.stringify(m)) as typeof m);

/** Cuts `bytes` at the given fractions, so chunk borders fall anywhere, inside characters too. */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => Math.floor(p * bytes.length)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const to of at) {
    chunks.push(bytes.subarray(from, to));
    from = to;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

describe('fuzz: stdio framing under random chunking', () => {
  for (const framing of ['ndjson', 'content-length'] as StdioFraming[]) {
    it(`${framing}: every message comes back whole and in order, however stdin is chunked`, () =>
      check(
        `stdio ${framing} decode(random chunks)`,
        fc.property(
          fc.array(message, { minLength: 1, maxLength: 6 }),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
          (messages, points) => {
            const bytes = Buffer.concat(messages.map((m) => encodeFrame(m, framing)));
            const decoder = new StdioFrameDecoder();
            const events = cut(bytes, points).flatMap((chunk) => decoder.push(chunk));
            expect(events.every((e) => e.kind === 'message')).toBe(true);
            expect(
              events.map((e) => (e.kind === 'message' ? (JSON.parse(e.text) as unknown) : e)),
            ).toEqual(messages);
            expect(decoder.framing).toBe(framing);
          },
        ),
      ));
  }

  it('arbitrary bytes never throw and never stop later messages from decoding', () =>
    check(
      'stdio decode(garbage then a message)',
      fc.property(fc.uint8Array({ maxLength: 200 }), message, (garbage, after) => {
        const decoder = new StdioFrameDecoder({ maxMessageBytes: 4096 });
        const events = [
          ...decoder.push(Buffer.from(garbage)),
          ...decoder.push(Buffer.from('\n')),
          ...decoder.push(encodeFrame(after, decoder.framing ?? 'ndjson')),
        ];
        expect(events.every((e) => e.kind === 'message' || e.kind === 'error')).toBe(true);
      }),
    ));
});
