import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  computeContentDigest,
  matchContentDigest,
  parseContentDigest,
} from '../../src/mcp/security/signature/content-digest.checker.js';
import { parseMsign } from '../../src/mcp/security/signature/msign.parser.js';
import { selectSignature } from '../../src/mcp/security/signature/signature-input.parser.js';
import { readSignatureParams } from '../../src/mcp/security/signature/signature-params.policy.js';
import { check } from './fuzz-runs.js';

const isFailure = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;
const sfText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc
    .array(
      fc.constantFrom(
        'sig',
        '=',
        '(',
        ')',
        '"',
        ';',
        ',',
        ':',
        'created',
        '1.0',
        ' ',
        'tag',
        'mcp',
        '\\',
        '*',
      ),
    )
    .map((parts) => parts.join('')),
);

describe('fuzz: the signature-field, MSign and Content-Digest parsers', () => {
  it('Signature-Input / Signature never throw; a selection has sane params or fails with 400/401', () =>
    check(
      'selectSignature(random fields)',
      fc.property(sfText, sfText, (input, signature) => {
        const selected = selectSignature({ 'signature-input': [input], signature: [signature] });
        if (isFailure(selected)) {
          expect([400, 401]).toContain((selected as { status: number }).status);
          return;
        }
        const params = readSignatureParams(
          (selected as { innerList: [unknown, Map<string, unknown>] }).innerList[1] as never,
        );
        if (!isFailure(params))
          expect(Number.isSafeInteger((params as { created: number }).created)).toBe(true);
      }),
    ));

  it('a Decimal created/expires is never read as an integer', () =>
    check(
      'selectSignature(created=N.d)',
      fc.property(fc.integer({ min: 0, max: 2e9 }), fc.integer({ min: 0, max: 999 }), (n, d) => {
        const selected = selectSignature({
          'signature-input': [
            `sig=("@method");created=${n}.${d};keyid="k";nonce="${'n'.repeat(22)}";tag="mcp"`,
          ],
          signature: ['sig=:AAAA:'],
        });
        expect(selected).toMatchObject({ status: 400 });
      }),
    ));

  it('MSign never throws; whatever it accepts has a 1–10 digit created and a 32/64-byte sig', () =>
    check(
      'parseMsign(random lines)',
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 160 }),
          fc
            .tuple(fc.string(), fc.string(), fc.string(), fc.base64String())
            .map(([k, c, n, s]) => `MSign keyid="${k}", created=${c}, nonce="${n}", sig=":${s}:"`),
        ),
        (line) => {
          const parsed = parseMsign(line);
          if (isFailure(parsed)) return;
          const ok = parsed as { created: number; signature: Buffer };
          expect(String(ok.created)).toMatch(/^[0-9]{1,10}$/);
          expect([32, 64]).toContain(ok.signature.length);
        },
      ),
    ));

  it('Content-Digest never throws; a digest of the exact bytes matches, any other does not', () =>
    check(
      'Content-Digest(random lines and bodies)',
      fc.property(
        sfText,
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ maxLength: 64 }),
        (line, body, other) => {
          parseContentDigest({ 'content-digest': [line] });
          const good = parseContentDigest({ 'content-digest': [computeContentDigest(body)] });
          expect(isFailure(good)).toBe(false);
          expect(matchContentDigest(good as never, body)).toBeUndefined();
          const same = createHash('sha256')
            .update(body)
            .digest()
            .equals(createHash('sha256').update(other).digest());
          expect(matchContentDigest(good as never, other) === undefined).toBe(same);
        },
      ),
    ));
});
