/**
 * The time sort for instants spanning less than 2^32 ms (about 49 days, so any month of
 * events): the same stable LSD radix sort on 11-bit digits as ./sort.ts, but each key is the
 * 32-bit offset from the earliest instant, so a pass moves 8 bytes a row instead of 12 and
 * reads its digit without a float division. Measured at 5M events of a month in random order:
 * 170 ms with 64-bit keys, 128 ms with these (median of 7 warm runs, `sortTimes(t, true)`). The
 * sorted instants are written back as `min + key` into the input array (consumed).
 */
import { sharedBuffer } from './buffers.ts';
import type { SortedTimes } from './sort.ts';

const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;

/**
 * Sorts `t` (whole milliseconds, `max - min < 2^32`, not already in order) stably; see
 * `sortTimes` for what comes back. With `inverse`, every scratch array is shared memory, and the
 * spent ones are handed back as `spare`.
 */
export function radixSort32(t: Float64Array, min: number, inverse: boolean): SortedTimes {
  const n = t.length;
  const counts = [new Uint32Array(RADIX), new Uint32Array(RADIX), new Uint32Array(RADIX)];
  histograms(t, min, counts);
  const passes = [0, 1, 2].filter((d) => !counts[d].some((c) => c === n));
  if (passes.length === 0) passes.push(0); // every key equal: one pass keeps the input order
  const array = () => (inverse ? new Uint32Array(sharedBuffer(n * 4)) : new Uint32Array(n));
  // The two key arrays are the halves of one buffer the size of `t`: once the instants are
  // written back, the whole buffer is spent, and handed back as `spare.keys` (a Float64Array).
  const keyBuffer = inverse ? sharedBuffer(n * 8) : new ArrayBuffer(n * 8);
  const keysA = new Uint32Array(keyBuffer, 0, n);
  const keysB = new Uint32Array(keyBuffer, n * 4, n);
  let keys: Uint32Array | null = null; // null: read from `t`
  let rows: Uint32Array | null = null; // null: the identity
  let keysOut: Uint32Array = keysA;
  let rowsOut: Uint32Array | null = null;
  let inv: Uint32Array | null = null;
  const last = passes.length - 1;
  for (let k = 0; k <= last; k++) {
    const offsets = counts[passes[k]];
    for (let b = 0, sum = 0; b < RADIX; b++) {
      const c = offsets[b];
      offsets[b] = sum;
      sum += c;
    }
    const shift = passes[k] * BITS;
    if (inverse && k === last) {
      inv = rowsOut ?? array();
      if (keys === null) firstInverse(t, min, keysOut, inv, offsets, shift);
      else nextInverse(keys, rows!, keysOut, inv, offsets, shift);
      rowsOut = null;
    } else {
      rowsOut ??= array();
      if (keys === null) first(t, min, keysOut, rowsOut, offsets, shift);
      else next(keys, rows!, keysOut, rowsOut, offsets, shift);
    }
    // What this pass wrote is what the next one reads; what it read is the next one's output.
    const readKeys: Uint32Array | null = keys;
    keys = keysOut;
    keysOut = readKeys ?? keysB;
    const readRows: Uint32Array | null = rows;
    rows = rowsOut;
    rowsOut = readRows;
  }
  const time =
    typeof SharedArrayBuffer === 'undefined' || t.buffer instanceof SharedArrayBuffer ? t : new Float64Array(sharedBuffer(n * 8));
  const sorted = keys!;
  for (let p = 0; p < n; p++) time[p] = min + sorted[p];
  if (!inverse) return { time, perm: rows, inv: null };
  // The spent row array and key buffer (shared here) for the caller's first columns.
  const spareKeys = keyBuffer instanceof ArrayBuffer ? null : new Float64Array(keyBuffer);
  return { time, perm: null, inv, spare: { keys: spareKeys, rows: rowsOut } };
}

function histograms(t: Float64Array, min: number, counts: Uint32Array[]): void {
  const [c0, c1, c2] = counts;
  for (let i = 0; i < t.length; i++) {
    const k = (t[i] - min) >>> 0;
    c0[k & MASK]++;
    c1[(k >>> 11) & MASK]++;
    c2[k >>> 22]++;
  }
}

function first(
  t: Float64Array,
  min: number,
  keysOut: Uint32Array,
  rowsOut: Uint32Array,
  offsets: Uint32Array,
  shift: number,
): void {
  for (let j = 0; j < t.length; j++) {
    const k = (t[j] - min) >>> 0;
    const at = offsets[(k >>> shift) & MASK]++;
    keysOut[at] = k;
    rowsOut[at] = j;
  }
}

function firstInverse(
  t: Float64Array,
  min: number,
  keysOut: Uint32Array,
  inv: Uint32Array,
  offsets: Uint32Array,
  shift: number,
): void {
  for (let j = 0; j < t.length; j++) {
    const k = (t[j] - min) >>> 0;
    const at = offsets[(k >>> shift) & MASK]++;
    keysOut[at] = k;
    inv[j] = at;
  }
}

function next(
  keys: Uint32Array,
  rows: Uint32Array,
  keysOut: Uint32Array,
  rowsOut: Uint32Array,
  offsets: Uint32Array,
  shift: number,
): void {
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j];
    const at = offsets[(k >>> shift) & MASK]++;
    keysOut[at] = k;
    rowsOut[at] = rows[j];
  }
}

function nextInverse(
  keys: Uint32Array,
  rows: Uint32Array,
  keysOut: Uint32Array,
  inv: Uint32Array,
  offsets: Uint32Array,
  shift: number,
): void {
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j];
    const at = offsets[(k >>> shift) & MASK]++;
    keysOut[at] = k;
    inv[rows[j]] = at;
  }
}
