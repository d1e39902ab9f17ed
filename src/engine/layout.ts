/**
 * How a query's groups map to cells. Dense: a group is Σ code × stride over the group columns
 * (first column most significant), which keeps cells in result order because dictionary codes
 * are in value order. Compact: when the dense product is far larger than what the data holds,
 * the group combinations present are collected first and numbered in the same order.
 */
import { QueryError } from '../errors.ts';
import type { DimColumn } from './table.ts';
import { sharedInt32 } from './table.ts';

export interface GroupLayout {
  /** Group combinations per window. */
  groups: number;
  strides: number[];
  cards: number[];
  /** Compact mode: the dense key of each compact group (ascending) and each row's group (-1 filtered out). */
  keys: Float64Array | null;
  groupOf: Int32Array | null;
}

export function denseLayout(dims: DimColumn[]): { strides: number[]; cards: number[]; size: number } {
  const cards = dims.map((d) => d.dict.length + 1);
  const strides = new Array<number>(dims.length);
  let size = 1;
  for (let j = dims.length - 1; j >= 0; j--) { strides[j] = size; size *= cards[j]; }
  return { strides, cards, size };
}

/**
 * Numbers the group combinations of rows `[lo, hi)` that pass `where`, in dense-key order.
 */
export function compactLayout(
  dims: DimColumn[], where: { codes: Int32Array; mask: Uint8Array }[], n: number, lo: number, hi: number,
): GroupLayout {
  const { strides, cards, size } = denseLayout(dims);
  if (size > Number.MAX_SAFE_INTEGER) {
    throw new QueryError([{ path: ['groupBy'], message: 'has too many value combinations to group by' }]);
  }
  const rowKey = new Float64Array(hi - lo);
  const seen = new Map<number, number>();
  for (let i = lo; i < hi; i++) {
    let pass = true;
    for (const w of where) if (w.mask[w.codes[i]] === 0) { pass = false; break; }
    if (!pass) { rowKey[i - lo] = -1; continue; }
    let key = 0;
    for (let j = 0; j < dims.length; j++) key += dims[j].codes[i] * strides[j];
    rowKey[i - lo] = key;
    seen.set(key, 0);
  }
  const keys = Float64Array.from(seen.keys()).sort();
  keys.forEach((k, g) => seen.set(k, g));
  const groupOf = sharedInt32(n);
  for (let i = lo; i < hi; i++) groupOf[i] = rowKey[i - lo] < 0 ? -1 : seen.get(rowKey[i - lo])!;
  return { groups: keys.length, strides, cards, keys, groupOf };
}

/** The dictionary codes of group `g`'s columns. */
export function groupCodes(layout: GroupLayout, g: number, out: number[]): number[] {
  const key = layout.keys ? layout.keys[g] : g;
  for (let j = 0; j < layout.strides.length; j++) out[j] = Math.floor(key / layout.strides[j]) % layout.cards[j];
  return out;
}
