import { describe, expect, it } from 'vitest';
import { StdioFrameDecoder } from './stdio-frame.decoder.js';
import { encodeFrame } from './stdio-frame.encoder.js';

describe('encodeFrame', () => {
  const message = { jsonrpc: '2.0', id: 1, result: { text: 'a\u2028b\u2029c\u0085d\n' } };

  it('escapes U+2028, U+2029 and U+0085 so no Unicode line break appears raw (H4)', () => {
    const text = encodeFrame(message, 'ndjson').toString('utf8');
    expect(text).toBe(
      '{"jsonrpc":"2.0","id":1,"result":{"text":"a\\u2028b\\u2029c\\u0085d\\n"}}\n',
    );
    // Python's str.splitlines() also splits on these; the frame must stay one line.
    const splitlinesBreaks = [0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029];
    const codePoints = [...text.slice(0, -1)].map((char) => char.codePointAt(0));
    expect(codePoints.filter((code) => splitlinesBreaks.includes(code!))).toEqual([]);
    expect(JSON.parse(text)).toEqual(message);
  });

  it('keeps a backslash before an escaped line break meaningful', () => {
    const tricky = { s: '\\\u2028' };
    expect(JSON.parse(encodeFrame(tricky, 'ndjson').toString('utf8'))).toEqual(tricky);
  });

  it('writes a Content-Length header counting UTF-8 bytes (H5)', () => {
    const frame = encodeFrame({ s: 'é😀' }, 'content-length');
    expect(frame.toString('utf8')).toBe('Content-Length: 14\r\n\r\n{"s":"é😀"}');
    expect(new StdioFrameDecoder().push(frame)).toEqual([
      { kind: 'message', text: '{"s":"é😀"}', framing: 'content-length' },
    ]);
  });

  it('counts the escaped form in the Content-Length', () => {
    const frame = encodeFrame({ s: '\u2028' }, 'content-length').toString('utf8');
    expect(frame).toBe('Content-Length: 14\r\n\r\n{"s":"\\u2028"}');
  });

  it('throws on a value with no JSON form', () => {
    expect(() => encodeFrame(undefined, 'ndjson')).toThrow(TypeError);
  });
});
