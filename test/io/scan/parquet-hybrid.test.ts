/**
 * The page decoder's reader of dictionary indices against hyparquet's RLE / bit-packed hybrid
 * reader: the same indices for random runs of every width up to 24 bits, and an index at or past
 * the dictionary's size is refused (the chunk then goes to hyparquet).
 */
import fc from 'fast-check';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { describe, expect, it } from 'vitest';
import { readIndices } from '../../../src/io/scan/parquet-hybrid.ts';

type Run = { rle: true; value: number; count: number } | { rle: false; values: number[] };

/** Writes runs the way the format lays them out (varint headers, LSB-first bit packing). */
function encode(runs: Run[], width: number): Uint8Array {
  const out: number[] = [];
  const varint = (v: number) => {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(v);
  };
  for (const run of runs) {
    if (run.rle) {
      varint(run.count << 1);
      for (let k = 0; k < (width + 7) >> 3; k++) out.push((run.value >>> (8 * k)) & 0xff);
    } else {
      const groups = Math.ceil(run.values.length / 8);
      varint((groups << 1) | 1);
      const bytes = new Uint8Array(groups * width);
      run.values.forEach((v, i) => {
        for (let b = 0; b < width; b++) if ((v >>> b) & 1) bytes[(i * width + b) >> 3] |= 1 << ((i * width + b) & 7);
      });
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

const runs = (width: number) =>
  fc.array(
    fc.oneof(
      fc.record({ rle: fc.constant(true as const), value: fc.nat((1 << width) - 1), count: fc.integer({ min: 1, max: 20 }) }),
      // A bit-packed run holds groups of 8 values.
      fc
        .array(fc.nat((1 << width) - 1), { minLength: 1, maxLength: 24 })
        .map((values) => ({ rle: false as const, values: [...values, ...new Array((8 - (values.length % 8)) % 8).fill(0)] })),
    ),
    { minLength: 1, maxLength: 8 },
  );

const length = (rs: Run[]) => rs.reduce((s, r) => s + (r.rle ? r.count : r.values.length), 0);
/** Values to read: all, less up to 7 of a last bit-packed run's (a page's last group is padded). */
const wanted = (rs: Run[], cut: number) => length(rs) - (rs.at(-1)?.rle === false ? cut % 8 : 0);

describe('dictionary indices', () => {
  it('are read as hyparquet reads them, for every width up to 24 bits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }).chain((w) => fc.tuple(fc.constant(w), runs(w))),
        fc.nat(3),
        fc.nat(7),
        ([width, rs], trailing, cut) => {
          const page = new Uint8Array([...encode(rs, width), ...new Array(trailing).fill(0)]);
          const n = wanted(rs, cut);
          const view = new DataView(page.buffer);
          const theirs = new Int32Array(n);
          readRleBitPackedHybrid({ view, offset: 0 }, width, theirs, page.length);
          const ours = new Int32Array(n);
          readIndices(page, view, 0, page.length, width, ours, 1 << width);
          expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuse an index at or past the dictionary size', () => {
    for (const rs of [[{ rle: true, value: 5, count: 3 }], [{ rle: false, values: [0, 1, 5, 2, 0, 0, 0, 0] }]] as Run[][]) {
      const page = encode(rs, 3);
      const view = new DataView(page.buffer);
      expect(() => readIndices(page, view, 0, page.length, 3, new Int32Array(length(rs)), 5)).toThrow(/out of range/);
      expect(() => readIndices(page, view, 0, page.length, 3, new Int32Array(length(rs)), 6)).not.toThrow();
    }
  });
});
