/**
 * The column-at-a-time writer's loops, one per common column shape: ISO instants read from text
 * bytes, numbers copied, ids found in a dictionary by their bytes or values. Each writes rows
 * `[0, n)` of one column into a new array.
 */
import type { DictChunkColumn } from '../../engine/store/chunk.ts';
import { isInstantMs } from '../../time.ts';
import { ByteDict, decodeUtf8 } from './byte-dict.ts';
import type { BatchColumn } from './columnar.ts';
import { isoUtcInto } from './numbers.ts';
import type { Rule } from './rules.ts';
import { TextIds } from './text-ids.ts';

type Column<K extends BatchColumn['kind']> = Extract<BatchColumn, { kind: K }>;

export type Shape = 'text-times' | 'times' | 'numbers' | 'text-ids' | 'number-ids';

/** How a column of a common shape is written, or null. */
export function shapeOf(rule: Rule, col: BatchColumn): Shape | null {
  if (col.kind === 'utf8') {
    if (rule.kind === 'time') return 'text-times';
    if (rule.kind === 'dict' && (rule.type === undefined || rule.type === 'string')) return 'text-ids';
  } else if (col.kind === 'number') {
    if (rule.type === 'time') return 'times';
    if (rule.type === 'number') return 'numbers';
    if (rule.coerce === null) return 'number-ids';
  }
  return null;
}

/**
 * Rows `[0, n)` of a column of a number shape, into a new array: false as soon as a value makes
 * its row malformed, unless `bad` is given (see the loops).
 */
export function numberShape(rule: Rule, col: BatchColumn, n: number, bad: Int32Array | null, k: number): Float64Array | false {
  const shape = shapeOf(rule, col);
  if (shape === 'text-times') return utf8Times(rule, col as Column<'utf8'>, n, bad, k);
  return shape === 'times' ? numberTimes(col as Column<'number'>, n, bad, k) : numbers(col as Column<'number'>, n, bad, k);
}

/**
 * The fallible loops below stop at a malformed value, or, given `bad`, mark its row there (with
 * this column's place `k` unless an earlier column marked it) and go on.
 */
function utf8Times(rule: Rule, col: Column<'utf8'>, n: number, bad: Int32Array | null, k: number): Float64Array | false {
  const out = new Float64Array(n);
  const { values: bytes, offsets, validity } = col;
  // Digits read four at a time through a view (a text's words never reach past its own bytes).
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.length;
  for (let i = 0; i < n; i++) {
    const valid = validity === null || (validity[i >> 3] & (1 << (i & 7))) !== 0;
    const s = offsets[i];
    const e = offsets[i + 1];
    // The common case writes the instant itself (no number returned, so none boxed per row). A
    // file's offsets are not trusted: outside the buffer, the DataView is not read.
    if (valid && s >= 0 && e <= size && isoUtcInto(view, bytes, s, e, out, i)) continue;
    let ms: number | undefined;
    if (valid) {
      // Not a plain UTC instant (or, in a corrupt file, offsets outside the bytes): the
      // declared type's own rules read it.
      const v = rule.coerce!(decodeUtf8(bytes, s, e), false);
      if (typeof v === 'number') ms = v;
    }
    if (ms === undefined) {
      if (bad === null) return false;
      if (bad[i] < 0) bad[i] = k;
      ms = NaN;
    }
    out[i] = ms;
  }
  return out;
}

export function utf8Ids(col: Column<'utf8'>, n: number): DictChunkColumn {
  const dict = new ByteDict();
  const codes = new Int32Array(n);
  new TextIds(dict).column(col.values, col.offsets, col.validity, 0, n, codes, 0);
  return { kind: 'dict', codes, dict: dict.values };
}

/** A declared time column of numbers: epoch ms within a Date's range, none missing. */
function numberTimes(col: Column<'number'>, n: number, bad: Int32Array | null, k: number): Float64Array | false {
  const out = new Float64Array(n);
  const { values, validity } = col;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!isInstantMs(v) || (validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0)) {
      if (bad === null) return false;
      if (bad[i] < 0) bad[i] = k;
    }
    out[i] = v;
  }
  return out;
}

/** A declared number column: NaN is null, an infinity makes its row malformed. */
function numbers(col: Column<'number'>, n: number, bad: Int32Array | null, k: number): Float64Array | false {
  const out = new Float64Array(n);
  const { values, validity } = col;
  if (validity === null && !(values instanceof Float64Array || values instanceof Float32Array)) {
    out.set(values.subarray(0, n));
    return out;
  }
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0) {
      out[i] = NaN;
      continue;
    }
    const v = values[i];
    if (v === Infinity || v === -Infinity) {
      if (bad === null) return false;
      if (bad[i] < 0) bad[i] = k;
    }
    out[i] = v;
  }
  return out;
}

/** An undeclared column of numbers: the numbers themselves are its dictionary's values. */
export function numberIds(col: Column<'number'>, n: number): DictChunkColumn {
  const dict = new ByteDict();
  const out = new Int32Array(n);
  const { values, validity } = col;
  for (let i = 0; i < n; i++) out[i] = validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0 ? -1 : dict.code(values[i]);
  return { kind: 'dict', codes: out, dict: dict.values };
}

// Each loop run once on a few rows, so its first optimization (on the stack, a batch's first rows
// in) has seen the code after it: unseen, that code threw the optimized loop away at the loop's
// end, and the next batch started over unoptimized.
{
  const text = new TextEncoder().encode('2026-03-08T06:30:00.000Z2026-03-08T06:30:01Z');
  const col = { kind: 'utf8' as const, values: text, offsets: Int32Array.of(0, 24, 44), validity: null };
  const rule: Rule = { name: 't', slot: 0, type: 'time', main: true, coerce: null, kind: 'time' };
  const nums = { kind: 'number' as const, values: Int32Array.of(1, 2), validity: null };
  for (let k = 0; k < 12; k++) {
    utf8Times(rule, col, 2, null, 0);
    numbers(nums, 2, null, 0);
  }
}
