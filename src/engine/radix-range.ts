/**
 * The pieces of the time sort's radix passes that run on one range of rows, so that several
 * threads can each take a slice of the rows (see ./sort-parallel.ts). Keys are instants minus
 * their minimum, whole milliseconds below 2^48, cut into the same 11-bit digits as ./sort.ts.
 *
 * A scatter pass also counts the next pass's digits of the keys it writes, split by which
 * slice of the output they land in: the next pass needs those counts per slice, and counting
 * them here saves a pass over the keys.
 */

const TWO_32 = 4_294_967_296;
export const RADIX = 2048;
const MASK = RADIX - 1;
const SHIFTS = [0, 11, 22, 0, 11];

/** What a range holds: its least and greatest instant, whether all are whole ms, whether it is ascending. */
export interface RangeStats {
  min: number;
  max: number;
  integral: boolean;
  sorted: boolean;
}

export function rangeStats(t: Float64Array, from: number, to: number): RangeStats {
  let min = Infinity,
    max = -Infinity,
    integral = true,
    sorted = true;
  let prev = -Infinity;
  for (let i = from; i < to; i++) {
    const v = t[i];
    if (v < prev) sorted = false;
    prev = v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && v !== Math.floor(v)) integral = false;
  }
  return { min, max, integral, sorted };
}

/** Counts of every digit (5 × {@link RADIX}, digit-major) of the keys `t[i] − min` in `[from, to)`. */
export function rangeHistograms(t: Float64Array, from: number, to: number, min: number): Uint32Array {
  const out = new Uint32Array(5 * RADIX);
  const c0 = out.subarray(0, RADIX),
    c1 = out.subarray(RADIX, 2 * RADIX),
    c2 = out.subarray(2 * RADIX, 3 * RADIX),
    c3 = out.subarray(3 * RADIX, 4 * RADIX),
    c4 = out.subarray(4 * RADIX);
  for (let i = from; i < to; i++) {
    const k = t[i] - min;
    const lo = k >>> 0,
      hi = (k / TWO_32) >>> 0;
    c0[lo & MASK]++;
    c1[(lo >>> 11) & MASK]++;
    c2[lo >>> 22]++;
    c3[hi & MASK]++;
    c4[(hi >>> 11) & MASK]++;
  }
  return out;
}

export interface ScatterRange {
  keys: Float64Array;
  /** Input row of each key; null: the key's own position (the first pass). */
  idx: Uint32Array | null;
  keysOut: Float64Array;
  /** Where to write each key's row (a middle pass), or null when `inv` is given. */
  idxOut: Uint32Array | null;
  /** The last pass: `inv[row]` = the row's sorted position. */
  inv: Uint32Array | null;
  from: number;
  to: number;
  min: number;
  /** The digit this pass sorts on. */
  digit: number;
  /** Where this range's first key of each bucket goes (consumed). */
  offsets: Uint32Array;
  /** The next pass's digit, or -1 for none. */
  next: number;
  /** Rows per output slice for the next pass's counts (slice s = position / slice, rounded down). */
  slice: number;
  /** Output slices. */
  slices: number;
}

/**
 * One stable counting-sort pass over `[from, to)`. Returns the next digit's counts by output
 * slice (`slices` × {@link RADIX}, slice-major), or an empty array when there is no next digit.
 */
export function scatterRange(s: ScatterRange): Uint32Array {
  const { keys, idx, keysOut, idxOut, inv, from, to, min, offsets, next, slice } = s;
  const shift = SHIFTS[s.digit],
    high = s.digit >= 3;
  const counts = new Uint32Array(next >= 0 ? s.slices * RADIX : 0);
  const nShift = next >= 0 ? SHIFTS[next] : 0,
    nHigh = next >= 3;
  for (let j = from; j < to; j++) {
    const v = keys[j],
      k = v - min;
    const word = high ? (k / TWO_32) >>> 0 : k >>> 0;
    const at = offsets[(word >>> shift) & MASK]++;
    keysOut[at] = v;
    const row = idx === null ? j : idx[j];
    if (inv !== null) inv[row] = at;
    else idxOut![at] = row;
    if (next >= 0) {
      const w = nHigh ? (k / TWO_32) >>> 0 : k >>> 0;
      counts[((at / slice) >>> 0) * RADIX + ((w >>> nShift) & MASK)]++;
    }
  }
  return counts;
}
