/**
 * The byte dictionary against a Map: text given by its bytes (hashed by the dictionary or by the
 * caller, compared byte by byte or by words, or all under one hash so only the comparison tells
 * texts apart) or as a string gets the code of its first sighting, whatever the order and however
 * many values make the table grow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteDict, HASH_SEED, mixWord } from '../../../src/io/scan/byte-dict.ts';

/** The hash as documented: little-endian words, the last zero-padded, mixed in from the seed. */
function hash(bytes: Uint8Array): number {
  let h = HASH_SEED;
  for (let i = 0; i < bytes.length; i += 4) {
    const word = [0, 1, 2, 3].reduce((w, k) => w | ((bytes[i + k] ?? 0) << (8 * k)), 0);
    h = mixWord(h, word);
  }
  return h;
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

describe('ByteDict', () => {
  it('codes text by first sighting, through bytes, a given hash or a string', () => {
    const word = fc.oneof(
      fc.constantFrom(
        '',
        'a',
        'ws_1',
        'é',
        '日本',
        'e44fea3b-ec53-bcea-3b75-13ccef5857ac',
        'e44fea3b-ec53-bcea-3b75-13ccef5857ad',
      ),
      fc.string({ maxLength: 20, unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              word,
              fc.nat(3000).map((n) => `ws_${n}`),
            ),
            fc.constantFrom('bytes', 'hashed', 'view', 'collide', 'value'),
          ),
          {
            maxLength: 400,
          },
        ),
        fc.nat(5),
        (items, lead) => {
          const dict = new ByteDict();
          const seen = new Map<string, number>();
          for (const [text, door] of items) {
            const bytes = Buffer.concat([Buffer.alloc(lead, 32), Buffer.from(text)]);
            const code =
              door === 'value'
                ? dict.code(text)
                : door === 'bytes'
                  ? dict.codeOfBytes(bytes, lead, bytes.length)
                  : door === 'hashed'
                    ? dict.codeOfHashed(bytes, lead, bytes.length, hash(bytes.subarray(lead)))
                    : // Every text under one hash: only the byte comparison tells them apart.
                      dict.codeOfHashed(
                        bytes,
                        lead,
                        bytes.length,
                        door === 'collide' ? 7 : hash(bytes.subarray(lead)),
                        view(bytes),
                      );
            if (!seen.has(text)) seen.set(text, seen.size);
            expect(code).toBe(seen.get(text));
          }
          expect(dict.values).toEqual([...seen.keys()]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
