import { describe, expect, it } from 'vitest';
import { normalizeResourceContents } from './resource-result.normalizer.js';

const uri = 'tutor://tenses';

describe('normalizeResourceContents', () => {
  it('turns a string into text contents with the declared mimeType', () => {
    expect(normalizeResourceContents('present, past', uri, 'text/plain')).toEqual([
      { uri, mimeType: 'text/plain', text: 'present, past' },
    ]);
    expect(normalizeResourceContents('x', uri)).toEqual([{ uri, text: 'x' }]);
  });

  it('turns bytes into a base64 blob', () => {
    expect(
      normalizeResourceContents(new Uint8Array([0, 1, 255]), uri, 'application/octet-stream'),
    ).toEqual([{ uri, mimeType: 'application/octet-stream', blob: 'AAH/' }]);
    expect(normalizeResourceContents(Buffer.from('hi'), uri)).toEqual([{ uri, blob: 'aGk=' }]);
  });

  it('completes a single item, letting its own fields win', () => {
    expect(
      normalizeResourceContents({ text: '{}', mimeType: 'application/json' }, uri, 'text/plain'),
    ).toEqual([{ uri, mimeType: 'application/json', text: '{}' }]);
    expect(normalizeResourceContents({ uri: 'tutor://other', blob: 'AA==' }, uri)).toEqual([
      { uri: 'tutor://other', blob: 'AA==' },
    ]);
  });

  it('accepts an array of items and a full { contents } result', () => {
    const items = ['a', { text: 'b' }, new Uint8Array([1])];
    const expected = [
      { uri, text: 'a' },
      { uri, text: 'b' },
      { uri, blob: 'AQ==' },
    ];
    expect(normalizeResourceContents(items, uri)).toEqual(expected);
    expect(normalizeResourceContents({ contents: items }, uri)).toEqual(expected);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an empty array', []],
    ['an object without text or blob', { data: 1 }],
    ['an array with one unreadable item', ['a', 7]],
    ['empty contents', { contents: [] }],
  ])('answers undefined (not found) for %s', (_label, value) => {
    expect(normalizeResourceContents(value, uri)).toBeUndefined();
  });
});
