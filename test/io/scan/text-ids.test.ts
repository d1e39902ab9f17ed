/**
 * Codes for a utf8 column through the word-keyed table equal the ByteDict's own codes, text by
 * text, and leave the same dictionary: short and long texts, zero bytes (a key is zero-padded),
 * multi-byte characters, many distinct values (the table grows), nulls.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteDict } from '../../../src/io/scan/byte-dict.ts';
import { TextIds } from '../../../src/io/scan/text-ids.ts';

const text = fc.oneof(
  fc.constantFrom(
    '',
    '\0',
    '\0\0',
    'a',
    'a\0',
    'abcd',
    'abcd\0',
    'é',
    '日本語',
    'x'.repeat(16),
    'x'.repeat(17),
    'abcdefghijklmno\0',
  ),
  fc.string({ maxLength: 9 }),
  fc.string({ minLength: 60, maxLength: 70 }),
  fc.nat(5000).map((k) => `ws_${k}`),
);

/** Texts of one length class that differ in a byte of any word, or only in length: every key bit matters. */
const family = fc
  .constantFrom('', 'abc', 'abcd', 'abcdefg', 'abcdefgh', 'abcdefghijk', 'abcdefghijkl', 'abcdefghijklmno')
  .chain((prefix) =>
    fc.array(
      fc.string({ maxLength: 3, unit: fc.constantFrom('a', 'b', '\0') }).map((tail) => prefix + tail),
      { minLength: 20, maxLength: 200 },
    ),
  );

describe('TextIds', () => {
  it('gives the codes ByteDict gives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.option(text, { nil: null, freq: 8 }), { maxLength: 300 }), family), (cells) => {
        const enc = new TextEncoder();
        const parts = cells.map((c) => enc.encode(c ?? ''));
        const bytes = new Uint8Array(parts.reduce((s, p) => s + p.length, 1));
        const offsets = new Int32Array(cells.length + 1);
        let at = 1;
        parts.forEach((p, i) => {
          offsets[i] = at;
          bytes.set(p, at);
          at += p.length;
        });
        offsets[cells.length] = at;
        const validity = new Uint8Array(Math.ceil(cells.length / 8));
        cells.forEach((c, i) => {
          if (c !== null) validity[i >> 3] |= 1 << (i & 7);
        });
        const dict = new ByteDict();
        const codes = new Int32Array(cells.length);
        // In two ranges, the second written from a place of its own in the output.
        const cut = cells.length >> 1;
        const ids = new TextIds(dict);
        ids.column(bytes, offsets, validity, 0, cut, codes, 0);
        const rest = new Int32Array(cells.length - cut + 2);
        ids.column(bytes, offsets, validity, cut, cells.length, rest, 2);
        codes.set(rest.subarray(2), cut);
        const want = new ByteDict();
        expect([...codes]).toEqual(cells.map((c, i) => (c === null ? -1 : want.codeOfBytes(bytes, offsets[i], offsets[i + 1]))));
        expect(dict.values).toEqual(want.values);
      }),
      { numRuns: 200 },
    );
  });
});
