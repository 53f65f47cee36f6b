import { describe, expect, it } from 'vitest';
import { StdioFrameDecoder } from './stdio-frame.decoder.js';
import { type StdioFrameEvent } from './stdio-framing.types.js';

const enc = (text: string) => Buffer.from(text, 'utf8');
const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function feed(decoder: StdioFrameDecoder, ...chunks: (string | Buffer)[]): StdioFrameEvent[] {
  return chunks.flatMap((chunk) => decoder.push(typeof chunk === 'string' ? enc(chunk) : chunk));
}
const texts = (events: StdioFrameEvent[]) =>
  events.filter((e) => e.kind === 'message').map((e) => e.text);
const errors = (events: StdioFrameEvent[]) => events.filter((e) => e.kind === 'error');

describe('StdioFrameDecoder — newline-delimited JSON', () => {
  it('splits lines, keeps a partial line until its newline and reports ndjson framing', () => {
    const decoder = new StdioFrameDecoder();
    expect(feed(decoder, '{"a":1}\n{"b"', ':2}\n')).toEqual([
      { kind: 'message', text: '{"a":1}', framing: 'ndjson' },
      { kind: 'message', text: '{"b":2}', framing: 'ndjson' },
    ]);
    expect(decoder.framing).toBe('ndjson');
  });

  it('strips a trailing \\r and skips empty and blank lines (H2)', () => {
    const events = feed(new StdioFrameDecoder(), '\r\n{"a":1}\r\n\r\n  \n{"b":2}\r', '\n');
    expect(events).toHaveLength(2);
    expect(texts(events)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('decodes a multi-byte character split across chunks (H3)', () => {
    const bytes = enc('{"s":"😀é"}\n');
    const events: StdioFrameEvent[] = [];
    const decoder = new StdioFrameDecoder();
    // One byte per chunk splits every multi-byte sequence.
    for (const byte of bytes) events.push(...decoder.push(Buffer.from([byte])));
    expect(texts(events)).toEqual(['{"s":"😀é"}']);
  });

  it('reports both fragments of a message broken by a raw newline; later messages parse (H1)', () => {
    const events = feed(new StdioFrameDecoder(), '{"jsonrpc":"2.0",\n"id":1}\n{"ok":true}\n');
    expect(texts(events)).toEqual(['{"jsonrpc":"2.0",', '"id":1}', '{"ok":true}']);
    const parsed = texts(events).map((text) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return 'parse-error';
      }
    });
    expect(parsed).toEqual(['parse-error', 'parse-error', { ok: true }]);
  });

  it('rejects a line over the cap without buffering it, then recovers at the newline (H7)', () => {
    const decoder = new StdioFrameDecoder({ maxMessageBytes: 64 });
    const flood = Buffer.alloc(50, 0x61);
    const events: StdioFrameEvent[] = [];
    for (let i = 0; i < 1000; i++) events.push(...decoder.push(flood));
    expect(errors(events)).toHaveLength(1);
    expect(errors(events)[0]).toMatchObject({
      framing: 'ndjson',
      reason: expect.stringMatching(/64 bytes/),
    });
    expect(texts(events)).toEqual([]);
    // Nothing of the flood is retained: the remainder of its line is dropped on arrival.
    expect(texts(feed(decoder, 'tail\n{"next":1}\n'))).toEqual(['{"next":1}']);
  });

  it('applies the default 10 MiB cap to a line with no newline (H7)', () => {
    const decoder = new StdioFrameDecoder();
    const events = feed(decoder, Buffer.alloc(10 * 1024 * 1024 + 2, 0x61), '\n{"a":1}\n');
    expect(errors(events)).toHaveLength(1);
    expect(texts(events)).toEqual(['{"a":1}']);
  });

  it('accepts a line of exactly the cap, with or without \\r, and rejects one byte more', () => {
    const decoder = new StdioFrameDecoder({ maxMessageBytes: 8 });
    const events = feed(decoder, '"123456"\r\n', '"123456"\n', '"1234567"\n', '"x"\n');
    expect(texts(events)).toEqual(['"123456"', '"123456"', '"x"']);
    expect(errors(events)).toHaveLength(1);
  });

  it('reports invalid UTF-8 instead of substituting U+FFFD', () => {
    const events = feed(new StdioFrameDecoder(), Buffer.from([0x22, 0xff, 0x22, 0x0a]), '1\n');
    expect(errors(events)).toEqual([
      { kind: 'error', reason: 'Message is not valid UTF-8.', framing: 'ndjson' },
    ]);
    expect(texts(events)).toEqual(['1']);
  });

  it('refuses a cap that is not a positive integer', () => {
    for (const max of [0, -1, 1.5, Number.NaN]) {
      expect(() => new StdioFrameDecoder({ maxMessageBytes: max }), String(max)).toThrow(
        RangeError,
      );
    }
  });

  it('delivers a last line that ends at EOF without a newline', () => {
    const decoder = new StdioFrameDecoder();
    expect(feed(decoder, '{"a":1}\n{"b":2}')).toHaveLength(1);
    expect(texts(decoder.end())).toEqual(['{"b":2}']);
  });

  it('keeps ndjson once detected, even if a Content-Length header shows up later', () => {
    const decoder = new StdioFrameDecoder();
    const events = feed(decoder, '{"a":1}\n', frame('{"b":2}'), '\n');
    expect(texts(events)).toEqual(['{"a":1}', 'Content-Length: 7', '{"b":2}']);
    expect(decoder.framing).toBe('ndjson');
  });
});

describe('StdioFrameDecoder — Content-Length framing', () => {
  it('detects the header in any letter case, even split across chunks after whitespace', () => {
    const decoder = new StdioFrameDecoder();
    const body = '{"jsonrpc":"2.0","id":1,"method":"ping"}';
    const wire = `\r\n${frame(body).replace('Content-Length', 'content-LENGTH')}`;
    const events: StdioFrameEvent[] = [];
    for (const char of wire) events.push(...decoder.push(enc(char)));
    expect(events).toEqual([{ kind: 'message', text: body, framing: 'content-length' }]);
    expect(decoder.framing).toBe('content-length');
  });

  it('counts UTF-8 bytes, not UTF-16 units: "é😀" is 6 bytes (H5)', () => {
    const body = '{"s":"é😀"}';
    expect(body.length).toBe(11);
    const events = feed(new StdioFrameDecoder(), `Content-Length: 14\r\n\r\n${body}`);
    expect(events).toEqual([{ kind: 'message', text: body, framing: 'content-length' }]);
  });

  it('a length counted in UTF-16 units yields a broken message, and the next frame still decodes (H5)', () => {
    const bad = '{"s":"é😀"}';
    const good = '{"ok":1}';
    const events = feed(
      new StdioFrameDecoder(),
      `Content-Length: ${bad.length}\r\n\r\n${bad}`,
      frame(good),
    );
    const first = events[0];
    // 11 bytes end inside "😀": not valid UTF-8, so the frame itself is reported.
    expect(first).toMatchObject({ kind: 'error', framing: 'content-length' });
    // The leftover bytes of the short frame are a malformed header line; the scan finds the
    // next real header inside it.
    expect(errors(events)).toHaveLength(2);
    expect(texts(events)).toEqual([good]);
  });

  it('ignores other headers such as Content-Type, before or after Content-Length', () => {
    const events = feed(
      new StdioFrameDecoder(),
      'Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}',
      'Content-Length: 3\r\nX-Other: 1\r\n\r\n[1]',
    );
    expect(texts(events)).toEqual(['{}', '[1]']);
    expect(errors(events)).toEqual([]);
  });

  it('reads frames split at every byte boundary and frames packed into one chunk', () => {
    const bodies = ['{"a":"😀"}', '{"b":2}', '{"c":[1,2,3]}'];
    const wire = enc(bodies.map(frame).join(''));
    const events: StdioFrameEvent[] = [];
    const decoder = new StdioFrameDecoder();
    for (let i = 0; i < wire.length; i += 3) events.push(...decoder.push(wire.subarray(i, i + 3)));
    expect(texts(events)).toEqual(bodies);
    expect(texts(feed(new StdioFrameDecoder(), wire))).toEqual(bodies);
  });

  const good = '{"jsonrpc":"2.0","id":2,"method":"ping"}';
  const twelve = '{"id":12345}';

  it.each([
    ['a plus sign', 'Content-Length: +12'],
    ['a leading space in the value', 'Content-Length:  12'],
    ['a hexadecimal value', 'Content-Length: 0x10'],
    ['an exponent', 'Content-Length: 1e3'],
    ['fullwidth digits', 'Content-Length: １２'],
    ['Arabic-Indic digits', 'Content-Length: ٣'],
    ['an empty value', 'Content-Length: '],
    ['no value at all', 'Content-Length:'],
    ['a trailing space', 'Content-Length: 12 '],
    ['a tab instead of the space', 'Content-Length:\t12'],
    ['a negative value', 'Content-Length: -12'],
    ['a decimal point', 'Content-Length: 12.0'],
    ['a space before the colon', 'Content-Length : 12'],
  ])('rejects %s and still decodes the following frame (H6)', (_name, header) => {
    const decoder = new StdioFrameDecoder();
    const events = feed(
      decoder,
      `Content-Length: 2\r\n\r\n{}`,
      `${header}\r\n\r\n${twelve}`,
      frame(good),
    );
    expect(errors(events)).toHaveLength(1);
    expect(errors(events)[0].framing).toBe('content-length');
    expect(texts(events)).toEqual(['{}', good]);
  });

  it('rejects the H6 headers as the very first frame too', () => {
    for (const value of ['+12', ' 12', '0x10', '1e3', '１２', '٣', '']) {
      const events = feed(
        new StdioFrameDecoder(),
        `Content-Length: ${value}\r\n\r\n${twelve}${frame(good)}`,
      );
      expect(errors(events), value).toHaveLength(1);
      expect(texts(events), value).toEqual([good]);
    }
  });

  it('rejects duplicate, missing and zero Content-Length, and garbage header lines', () => {
    const events = feed(
      new StdioFrameDecoder(),
      'Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      frame(good),
      'Content-Type: x\r\n\r\n',
      frame(good),
      'Content-Length: 0\r\n\r\n',
      frame(good),
      '{"not":"a header"}\r\n',
      frame(good),
    );
    expect(errors(events).map((e) => e.kind === 'error' && e.reason)).toEqual([
      'Content-Length appears more than once in one header block.',
      'Header block has no Content-Length.',
      'Content-Length is 0; a frame must carry a JSON-RPC message.',
      expect.stringMatching(/^Malformed header line/),
    ]);
    expect(texts(events)).toEqual([good, good, good, good]);
  });

  it('skips a frame over the cap without buffering it and decodes the next one', () => {
    const decoder = new StdioFrameDecoder({ maxMessageBytes: 16 });
    // The oversized body even contains a fake header; skipping by length is not fooled.
    const big = '{"x":"Content-Length: 2\\r\\n\\r\\n{}"}';
    const events = feed(decoder, frame(big), frame('{"ok":1}'));
    expect(errors(events)).toHaveLength(1);
    expect(errors(events)[0]).toMatchObject({ reason: expect.stringMatching(/16-byte limit/) });
    expect(texts(events)).toEqual(['{"ok":1}']);
  });

  it('rejects an absurd length and resynchronises at the next header', () => {
    const events = feed(
      new StdioFrameDecoder(),
      `Content-Length: ${'9'.repeat(40)}\r\n\r\n{"x":1}`,
      frame(good),
    );
    expect(errors(events)).toHaveLength(1);
    expect(texts(events)).toEqual([good]);
  });

  it('resynchronises after an oversized header block', () => {
    const decoder = new StdioFrameDecoder();
    const events = feed(
      decoder,
      'Content-Length: 2\r\nX-Pad: ',
      'a'.repeat(20_000),
      '\r\n\r\n{}',
      frame(good),
    );
    expect(errors(events)).toHaveLength(1);
    expect(texts(events)).toEqual([good]);
  });

  it('reports a frame cut short by the end of input', () => {
    const decoder = new StdioFrameDecoder();
    expect(feed(decoder, 'Content-Length: 10\r\n\r\n{"a"')).toEqual([]);
    expect(decoder.end()).toEqual([
      {
        kind: 'error',
        reason: 'Input ended in the middle of a message.',
        framing: 'content-length',
      },
    ]);
  });

  it('never throws on arbitrary bytes', () => {
    const decoder = new StdioFrameDecoder({ maxMessageBytes: 64 });
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const alphabet = enc('Content-Length: 12\r\n:{}"é');
    expect(() => {
      decoder.push(enc('Content-Length: 1\r\n\r\n1'));
      for (let i = 0; i < 2000; i++) {
        const chunk = Buffer.from(
          Array.from({ length: 1 + (random() % 40) }, () => alphabet[random() % alphabet.length]),
        );
        decoder.push(chunk);
      }
      decoder.end();
    }).not.toThrow();
    expect(texts(feed(decoder, `\r\n\r\n${frame(good)}`)).at(-1)).toBe(good);
  });
});
