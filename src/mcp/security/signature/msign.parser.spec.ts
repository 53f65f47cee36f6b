import { describe, expect, it } from 'vitest';
import { isMsignAuthorization, parseMsign } from './msign.parser.js';

const SIG = Buffer.alloc(64, 7).toString('base64');
const NONCE = 'q3Vb0q3Vb0q3Vb0q3Vb0q3';
const valid = `MSign keyid="agent-42.2026-09", created=1790000000, nonce="${NONCE}", sig=":${SIG}:"`;

describe('parseMsign', () => {
  it('reads the four parameters of a well-formed header', () => {
    expect(parseMsign(valid)).toEqual({
      keyid: 'agent-42.2026-09',
      created: 1790000000,
      nonce: NONCE,
      signature: Buffer.alloc(64, 7),
    });
  });

  it('accepts any scheme case, parameter order and a quoted created', () => {
    const reordered = `msign sig=":${SIG}:",nonce=${NONCE} ,created="1790000000", keyid=agent-42`;
    expect(parseMsign(reordered)).toMatchObject({ keyid: 'agent-42', created: 1790000000 });
    expect(isMsignAuthorization('MSIGN keyid=x')).toBe(true);
    expect(isMsignAuthorization('MSignature keyid=x')).toBe(false);
    expect(isMsignAuthorization('Bearer x')).toBe(false);
  });

  it.each([
    ['B4 duplicated parameter', valid.replace('created=1790000000', 'created=1, created=2')],
    ['B4 unknown parameter', `${valid}, alg="ed25519"`],
    ['B4 missing nonce', valid.replace(`nonce="${NONCE}", `, '')],
    ['B5 created with a sign', valid.replace('created=1790000000', 'created=+1790000000')],
    ['B5 created with 11 digits', valid.replace('created=1790000000', 'created=17900000000')],
    ['B6 keyid with a space', valid.replace('agent-42.2026-09', 'agent 42')],
    ['whitespace around =', valid.replace('created=', 'created = ')],
    ['trailing comma', `${valid},`],
    ['empty list element', valid.replace(', created', ', , created')],
    ['unquoted sig', valid.replace(`sig=":${SIG}:"`, `sig=:${SIG}:`)],
    ['non-canonical base64 sig', valid.replace(SIG, SIG.slice(0, -2) + 'B=')],
    ['sig without colons', valid.replace(`":${SIG}:"`, `"${SIG}"`)],
    ['short nonce', valid.replace(NONCE, 'abc')],
    ['no parameters', 'MSign'],
  ])('%s → 400', (_case, header) => {
    expect(parseMsign(header)).toMatchObject({ ok: false, status: 400, error: 'invalid_request' });
  });
});
