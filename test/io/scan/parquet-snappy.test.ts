/**
 * The page decoder's snappy against hyparquet's: the same bytes for every stream a snappy
 * compressor writes, and on damaged streams never an answer where hyparquet has none (a stream
 * it rejects goes to hyparquet, which reports it).
 */
import fc from 'fast-check';
import { snappyUncompress } from 'hyparquet';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { describe, expect, it } from 'vitest';
import { SNAPPY_SLACK, snappyInto } from '../../../src/io/scan/parquet-snappy.ts';

/** Bytes with repeats near and far, runs shorter than a word, and long literals. */
const data = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      fc.constantFrom('2026-11-01T00:00:00.000Z', 'ab', 'a', '\u0018\u0000\u0000\u0000').map((s) => new TextEncoder().encode(s)),
      fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 300 })).map(([b, n]) => new Uint8Array(n).fill(b)),
    ),
    { maxLength: 60 },
  )
  .map((parts) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  });

function theirs(input: Uint8Array, length: number): Uint8Array | null {
  try {
    const out = new Uint8Array(length);
    snappyUncompress(input, out);
    return out;
  } catch {
    return null;
  }
}

function ours(input: Uint8Array, length: number): Uint8Array | null {
  try {
    const out = new Uint8Array(length + SNAPPY_SLACK).fill(0xee); // stale bytes must not show through
    snappyInto(input, out, length);
    return out.subarray(0, length);
  } catch {
    return null;
  }
}

describe('snappy', () => {
  it('decompresses what a compressor writes to the same bytes', () => {
    fc.assert(
      fc.property(data, (bytes) => {
        expect(ours(snappyCompress(bytes), bytes.length)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('answers a damaged stream only as hyparquet does', () => {
    fc.assert(
      fc.property(
        data,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.nat(),
        fc.integer({ min: -3, max: 3 }),
        (bytes, flips, cut, skew) => {
          const input = snappyCompress(bytes).slice();
          for (const [at, b] of flips) if (input.length) input[at % input.length] = b;
          const damaged = cut % 5 === 0 ? input.subarray(0, cut % (input.length + 1)) : input;
          const length = Math.max(0, bytes.length + skew);
          const mine = ours(damaged, length);
          if (mine !== null) expect(mine).toEqual(theirs(damaged, length));
        },
      ),
      { numRuns: 500 },
    );
  });
});
