import type { InnerList, Item, Parameters } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { buildSignatureBase } from './signature-base.builder.js';
import type { SignatureMessage } from './derived-components.js';

const list = (names: string[], params: Parameters = new Map()): InnerList => [
  names.map((name): Item => [name, new Map() as Parameters]),
  params,
];
const message = (targetUri: string, headers: Record<string, string[]> = {}): SignatureMessage => ({
  method: 'POST',
  targetUri,
  headers,
});
function base(names: string[], msg: SignatureMessage): string {
  const result = buildSignatureBase(list(names), msg);
  if (!result.ok) throw new Error(result.reason);
  return result.base.split('\n').slice(0, -1).join('\n');
}

describe('buildSignatureBase', () => {
  it('derives @authority normalised, and @path/@query/@request-target raw', () => {
    const msg = message('https://API.Example.com:443/a/%6Dcp//x?b=1&a=%20');
    expect(base(['@authority', '@scheme', '@path', '@query', '@request-target'], msg)).toBe(
      [
        '"@authority": api.example.com',
        '"@scheme": https',
        '"@path": /a/%6Dcp//x',
        '"@query": ?b=1&a=%20',
        '"@request-target": /a/%6Dcp//x?b=1&a=%20',
      ].join('\n'),
    );
  });

  it('uses "/" for an empty path and "?" for an absent query', () => {
    expect(base(['@path', '@query'], message('http://h:8080'))).toBe('"@path": /\n"@query": ?');
    expect(base(['@authority'], message('http://h:8080'))).toBe('"@authority": h:8080');
  });

  it('joins field lines with ", " after trimming each', () => {
    const msg = message('https://h/', { 'x-list': ['  a ', 'b\t'] });
    expect(base(['x-list'], msg)).toBe('"x-list": a, b');
  });

  it('ends with @signature-params serialised from the parameters', () => {
    const params: Parameters = new Map<string, string | number>([
      ['created', 5],
      ['keyid', 'k'],
    ]);
    const result = buildSignatureBase(list(['@method'], params), message('https://h/'));
    expect(result).toEqual({
      ok: true,
      base: '"@method": POST\n"@signature-params": ("@method");created=5;keyid="k"',
    });
  });

  it('fails for absent fields, unknown derived components and component parameters', () => {
    expect(buildSignatureBase(list(['x-missing']), message('https://h/'))).toMatchObject({
      status: 401,
    });
    expect(buildSignatureBase(list(['@status']), message('https://h/'))).toMatchObject({
      status: 401,
    });
    const withParam: InnerList = [[['content-type', new Map([['sf', true]])]], new Map()];
    const msg = message('https://h/', { 'content-type': ['a'] });
    expect(buildSignatureBase(withParam, msg)).toMatchObject({ status: 401 });
  });

  it('rejects values that could forge base lines (CR/LF, non-ASCII) as malformed', () => {
    const msg = message('https://h/', { 'x-a': ['ok\n"@method": GET'], 'x-b': ['é'] });
    expect(buildSignatureBase(list(['x-a']), msg)).toMatchObject({ status: 400 });
    expect(buildSignatureBase(list(['x-b']), msg)).toMatchObject({ status: 400 });
    expect(buildSignatureBase(list(['X-Upper']), msg)).toMatchObject({ status: 400 });
  });
});
