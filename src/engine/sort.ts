/**
 * Stable time sort. The engine keeps encoded columns in time order so that a range query
 * touches only its slice and window assignment is a sweep; this sort is paid once per events
 * object and time column.
 *
 * Whole-millisecond instants spanning less than 2^48 ms (about 8,900 years) — every realistic
 * event set — go through an LSD radix sort on 11-bit digits that carries each key with its row
 * index, so every pass reads sequentially and only the writes scatter (2,048 buckets stay in
 * the first-level cache; 16-bit digits read through a permutation measured 3–4× slower at 10M
 * events). Digits every key shares are skipped, so a month of events takes three passes, on
 * 32-bit keys when the instants span less than 2^32 ms (./sort32.ts).
 * Anything else falls back to a comparison sort. Both are stable: equal instants keep their
 * input order, which `latest`'s tie-break and the arrival order of appends rely on.
 *
 * Splitting each pass into one slice of the rows per pool thread (a slice's keys of a bucket
 * after every earlier slice's, so the same order) was tried for the rows of a scanned file and
 * measured, at 5M events on the 2-core machine shared with other work: 40 ms more CPU warm and
 * about 150 ms more in `recompute` (each thread compiling the passes cold), and no wall time
 * won, so the sort stays on one thread.
 */
import { sharedBuffer } from './buffers.ts';
import { radixSort32 } from './sort32.ts';

/** True when `t` is ascending (non-decreasing). */
export function isSorted(t: ArrayLike<number>): boolean {
  for (let i = 1; i < t.length; i++) if (t[i] < t[i - 1]) return false;
  return true;
}

const TWO_32 = 4_294_967_296;
const TWO_48 = 281_474_976_710_656;
const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
/** Digit d of key k (k = t − min, a non-negative integer below 2^48). */
const SHIFTS = [0, 11, 22, 0, 11];
const NONE = new Uint32Array(0);

/** The instants in ascending order, and where each came from (null when already in order). */
export interface SortedTimes {
  /** Sorted instants, in shared memory (where the runtime has it). */
  time: Float64Array;
  /** `perm[p]` is the input row of sorted row p; null means the identity (or `inverse` was asked for). */
  perm: Uint32Array | null;
  /** With `inverse`: `inv[i]` is the sorted position of input row i, in shared memory; null means the identity. */
  inv: Uint32Array | null;
  /**
   * With `inverse`: shared arrays of `n` keys and `n` row indexes the sort used as scratch and no
   * longer needs (null: none), for the caller to reuse instead of allocating, e.g. as the
   * columns it scatters through `inv`. Their contents are garbage.
   */
  spare?: { keys: Float64Array | null; rows: Uint32Array | null };
}

/**
 * Sorts instants stably. `t` is consumed: it may be reused as scratch space, or returned as the
 * sorted array itself when already in order (so pass a shared-memory array to avoid a copy).
 * With `inverse`, the last radix pass writes where each input row goes instead of the
 * permutation (one pass fewer for callers that scatter columns into place).
 */
export function sortTimes(t: Float64Array, inverse = false): SortedTimes {
  const n = t.length;
  if (isSorted(t)) return { time: shared(t), perm: null, inv: null };
  let min = Infinity,
    max = -Infinity,
    integral = true;
  for (let i = 0; i < n; i++) {
    const v = t[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && v !== Math.floor(v)) integral = false;
  }
  if (!integral || max - min >= TWO_48) {
    const perm = comparisonArgsort(t);
    const time = new Float64Array(sharedBuffer(n * 8));
    for (let p = 0; p < n; p++) time[p] = t[perm[p]];
    if (!inverse) return { time, perm, inv: null };
    const inv = new Uint32Array(sharedBuffer(n * 4));
    for (let p = 0; p < n; p++) inv[perm[p]] = p;
    return { time, perm: null, inv };
  }
  if (max - min < TWO_32) return radixSort32(t, min, inverse);
  const counts = histograms(t, min);
  const passes = [0, 1, 2, 3, 4].filter((d) => !counts[d].some((c) => c === n));
  // Keys ping-pong between `t` and one more array; the one the last pass writes is shared, and
  // with `inverse` so is every scratch array, which the caller may then reuse (see `spare`).
  const other = inverse || passes.length % 2 === 1 ? new Float64Array(sharedBuffer(n * 8)) : new Float64Array(n);
  const rowArray = () => (inverse ? new Uint32Array(sharedBuffer(n * 4)) : new Uint32Array(n));
  let keys = t,
    keysOut = other;
  let idx: Uint32Array | null = null,
    idxOut: Uint32Array = inverse && passes.length === 1 ? NONE : rowArray();
  let spare: Uint32Array | null = null;
  let inv: Uint32Array | null = null;
  let lastRead: Uint32Array | null = null;
  const last = passes.length - 1;
  for (let k = 0; k <= last; k++) {
    const d = passes[k];
    const offsets = counts[d];
    for (let b = 0, sum = 0; b < RADIX; b++) {
      const c = offsets[b];
      offsets[b] = sum;
      sum += c;
    }
    if (inverse && k === last) {
      // The permutation array this pass does not read is dead: it becomes the inverse (from the
      // third pass on; before, there is none), so at most two row-index arrays are ever alive.
      inv = idxOut.length === n && idxOut !== idx ? idxOut : new Uint32Array(sharedBuffer(n * 4));
      idxOut = NONE;
      spare = null;
      lastRead = idx;
      scatterInverse(keys, idx, keysOut, inv, offsets, min, d);
    } else scatter(keys, idx, keysOut, idxOut, offsets, min, d);
    [keys, keysOut] = [keysOut, keys];
    const written = idxOut;
    // The inverse pass writes no permutation, so none is allocated for it.
    idxOut = idx ?? (inverse && k + 1 === last ? NONE : (spare ??= rowArray()));
    idx = written;
  }
  if (!inv) return { time: shared(keys), perm: idx, inv: null };
  const rows = lastRead !== null && lastRead.buffer instanceof SharedArrayBuffer ? lastRead : null;
  const spareKeys = keysOut.length === n && keysOut.buffer instanceof SharedArrayBuffer ? keysOut : null;
  return { time: shared(keys), perm: null, inv, spare: { keys: spareKeys, rows } };
}

function shared(t: Float64Array): Float64Array {
  if (typeof SharedArrayBuffer === 'undefined' || t.buffer instanceof SharedArrayBuffer) return t;
  const out = new Float64Array(sharedBuffer(t.length * 8));
  out.set(t);
  return out;
}

function histograms(t: Float64Array, min: number): Uint32Array[] {
  const c = [0, 1, 2, 3, 4].map(() => new Uint32Array(RADIX));
  const [c0, c1, c2, c3, c4] = c;
  for (let i = 0; i < t.length; i++) {
    const k = t[i] - min;
    const lo = k >>> 0,
      hi = (k / TWO_32) >>> 0;
    c0[lo & MASK]++;
    c1[(lo >>> 11) & MASK]++;
    c2[lo >>> 22]++;
    c3[hi & MASK]++;
    c4[(hi >>> 11) & MASK]++;
  }
  return c;
}

/** One stable counting-sort pass on digit `d`; `idx` null means rows in input order. */
function scatter(
  keys: Float64Array,
  idx: Uint32Array | null,
  keysOut: Float64Array,
  idxOut: Uint32Array,
  offsets: Uint32Array,
  min: number,
  d: number,
): void {
  const n = keys.length,
    shift = SHIFTS[d],
    high = d >= 3;
  for (let j = 0; j < n; j++) {
    const v = keys[j],
      k = v - min;
    const word = high ? (k / TWO_32) >>> 0 : k >>> 0;
    const at = offsets[(word >>> shift) & MASK]++;
    keysOut[at] = v;
    idxOut[at] = idx === null ? j : idx[j];
  }
}

/** The last pass when the inverse is wanted: each input row's destination, not the permutation. */
function scatterInverse(
  keys: Float64Array,
  idx: Uint32Array | null,
  keysOut: Float64Array,
  inv: Uint32Array,
  offsets: Uint32Array,
  min: number,
  d: number,
): void {
  const n = keys.length,
    shift = SHIFTS[d],
    high = d >= 3;
  for (let j = 0; j < n; j++) {
    const v = keys[j],
      k = v - min;
    const word = high ? (k / TWO_32) >>> 0 : k >>> 0;
    const at = offsets[(word >>> shift) & MASK]++;
    keysOut[at] = v;
    inv[idx === null ? j : idx[j]] = at;
  }
}

function comparisonArgsort(t: Float64Array): Uint32Array {
  const idx = Array.from({ length: t.length }, (_, i) => i);
  idx.sort((a, b) => t[a] - t[b] || a - b);
  return Uint32Array.from(idx);
}

/** Row indices that put `t` in ascending order, ties in input order (`t` is left untouched). */
export function argsortTimes(t: Float64Array): Uint32Array {
  const { perm } = sortTimes(Float64Array.from(t));
  return perm ?? Uint32Array.from({ length: t.length }, (_, i) => i);
}
