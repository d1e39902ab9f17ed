/**
 * The page decoder's snappy, its own and WebAssembly's (hysnappy), against hyparquet's: the same
 * bytes for every stream a snappy compressor writes, and on damaged or hand-written streams
 * (long-form literals, every copy form, odd preambles, bad offsets) never an answer where
 * hyparquet has none, nor a different one (a stream it rejects goes to hyparquet, which reports
 * it).
 */
import fc from 'fast-check';
import { snappyUncompress } from 'hyparquet';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { describe, expect, it } from 'vitest';
import { SNAPPY_SLACK, snappyInto } from '../../../src/io/scan/parquet-snappy.ts';
import { snappyWasm } from '../../../src/io/scan/parquet-snappy-wasm.ts';

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

/** A compressor's stream with a few bytes changed, sometimes cut short, and a page length off by up to 3. */
const damagedStream = fc
  .tuple(
    data,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    fc.nat(),
    fc.integer({ min: -3, max: 3 }),
  )
  .map(([bytes, flips, cut, skew]) => {
    const input = snappyCompress(bytes).slice();
    for (const [at, b] of flips) if (input.length) input[at % input.length] = b;
    const damaged = cut % 5 === 0 ? input.subarray(0, cut % (input.length + 1)) : input;
    return { damaged, length: Math.max(0, bytes.length + skew) };
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

/** WebAssembly's answer on every page, however little it expands. */
const wasm = (input: Uint8Array, length: number) => snappyWasm(input, length, 0);

/** A preamble: `value` as a varint, with `pad` needless continuation bytes. */
function varint(value: number, pad: number): number[] {
  const out: number[] = [];
  do {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  } while (value > 0);
  for (let i = 0; i < pad; i++) out.push(0x80);
  out[out.length - 1] &= 0x7f;
  return out;
}

/** A stream written element by element: literals short and long-form, copies of each form, offsets in and out of range. */
const handWritten = fc
  .record({
    elements: fc.array(
      fc.oneof(
        fc.record({
          ll: fc.integer({ min: 0, max: 4 }), // length bytes after the tag: 0 = in the tag
          data: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 3 }), fc.uint8Array({ minLength: 1, maxLength: 60 })),
        }),
        fc.record({
          form: fc.constantFrom(1, 2, 3),
          len: fc.integer({ min: 1, max: 64 }),
          back: fc.oneof(
            { weight: 5, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, // a share of what is written
            { weight: 1, arbitrary: fc.integer({ min: 0, max: 70_000 }) },
          ),
        }),
      ),
      { maxLength: 30 },
    ),
    preambleSkew: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) }),
    pad: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }),
    lengthSkew: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) }),
    tail: fc.oneof(
      { weight: 8, arbitrary: fc.constant(new Uint8Array(0)) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3 }) },
    ),
  })
  .map(({ elements, preambleSkew, pad, lengthSkew, tail }) => {
    const body: number[] = [];
    let written = 0;
    for (const e of elements) {
      if ('data' in e) {
        const len = e.data.length;
        if (e.ll === 0) body.push((len - 1) << 2);
        else {
          body.push((59 + e.ll) << 2);
          for (let k = 0; k < e.ll; k++) body.push(k === 0 ? len - 1 : 0);
        }
        body.push(...e.data);
        written += len;
        continue;
      }
      const offset = typeof e.back === 'number' && Number.isInteger(e.back) && e.back > 1 ? e.back : Math.ceil(e.back * written);
      if (e.form === 1) {
        const len = 4 + (e.len % 8);
        const o = offset % 2048;
        body.push(1 | ((len - 4) << 2) | ((o >> 8) << 5), o & 0xff);
        written += len;
      } else {
        body.push(e.form | ((e.len - 1) << 2), offset & 0xff, (offset >> 8) & 0xff);
        if (e.form === 3) body.push((offset >> 16) & 0xff, 0);
        written += e.len;
      }
    }
    const input = Uint8Array.from([...varint(Math.max(0, written + preambleSkew), pad), ...body, ...tail]);
    return { input, length: Math.max(0, written + lengthSkew) };
  });

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
      fc.property(damagedStream, ({ damaged, length }) => {
        const mine = ours(damaged, length);
        if (mine !== null) expect(mine).toEqual(theirs(damaged, length));
      }),
      { numRuns: 500 },
    );
  });

  it('decompresses what a compressor writes to the same bytes through WebAssembly', () => {
    let taken = 0;
    fc.assert(
      fc.property(data, (bytes) => {
        const page = wasm(snappyCompress(bytes), bytes.length);
        if (page === null) return; // declined (a tail that could be a short long-form literal)
        taken++;
        expect(page).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
    expect(taken).toBeGreaterThan(250);
  });

  it('answers a damaged stream through WebAssembly only as hyparquet does', () => {
    fc.assert(
      fc.property(damagedStream, ({ damaged, length }) => {
        const page = wasm(damaged, length);
        if (page !== null) expect(page).toEqual(theirs(damaged, length));
      }),
      { numRuns: 500 },
    );
  });

  it('answers a hand-written stream only as hyparquet does, through WebAssembly and its own way', () => {
    const answered = { wasm: 0, own: 0, theirs: 0 };
    fc.assert(
      fc.property(handWritten, ({ input, length }) => {
        const expected = theirs(input, length);
        if (expected !== null) answered.theirs++;
        const page = wasm(input, length);
        if (page !== null) {
          answered.wasm++;
          expect(page).toEqual(expected);
        }
        const own = ours(input, length);
        if (own !== null) {
          answered.own++;
          expect(own).toEqual(expected);
        }
      }),
      { numRuns: 2000 },
    );
    // Valid and invalid streams both came up, and WebAssembly answered most valid ones.
    expect(answered.theirs).toBeGreaterThan(300);
    expect(answered.theirs).toBeLessThan(1700);
    expect(answered.wasm).toBeGreaterThan(answered.theirs * 0.8);
  });

  it('leaves to the own decoder the streams WebAssembly would read differently', () => {
    // A long-form literal ending the stream with under 4 bytes after its tag: hyparquet rejects it.
    for (const input of [
      [2, 0, 0x61, 0xf0, 0, 0x62],
      [3, 0, 0x61, 0xf0, 1, 0x62, 0x63],
      [2, 0, 0x61, 0xf4, 0, 0, 0x62],
    ]) {
      const bytes = Uint8Array.from(input);
      expect(theirs(bytes, bytes[0])).toBeNull();
      expect(wasm(bytes, bytes[0])).toBeNull();
      expect(ours(bytes, bytes[0])).toBeNull();
    }
    // A preamble short of the page's size: hysnappy would stop there, and the page's last byte
    // would be whatever its memory held; hyparquet rejects the stream.
    wasm(Uint8Array.of(2, 4, 0x78, 0x79), 2);
    const short = Uint8Array.of(1, 0, 0x61);
    expect(theirs(short, 2)).toBeNull();
    expect(wasm(short, 2)).toBeNull();
  });
});
