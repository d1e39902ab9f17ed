/**
 * How a query's groups map to cells. Dense: a group is Σ code × stride over the group columns
 * (first column most significant), which keeps cells in result order because dictionary codes
 * are in value order. Sparse: when that product is far larger than what the data holds, the
 * (window, group) cells present are numbered instead, in the same order.
 */
import { QueryError } from '../errors.ts';
import { cellCapError } from './plan.ts';
import type { RowRuns } from './runs.ts';
import type { DimColumn } from './table.ts';
import { sharedInt32 } from './table.ts';

export interface GroupLayout {
  /** Dense: group combinations per window (cell = window × groups + group). 0 when sparse. */
  groups: number;
  strides: number[];
  cards: number[];
  /**
   * Sparse: each cell's group key (digits are ranks in value order, see `orders`), each merged
   * position's cell (-1 filtered out), each window's first cell.
   */
  keys: Float64Array | null;
  cellOf: Int32Array | null;
  cellStart: Float64Array | null;
  /** Sparse: per group column, the code of each rank (null: codes are ranks). */
  orders: (Int32Array | null)[];
}

export function denseLayout(dims: DimColumn[]): { strides: number[]; cards: number[]; size: number } {
  const cards = dims.map((d) => d.dict.length + 1);
  const strides = new Array<number>(dims.length);
  let size = 1;
  for (let j = dims.length - 1; j >= 0; j--) {
    strides[j] = size;
    size *= cards[j];
  }
  return { strides, cards, size };
}

/**
 * Whether cells are laid out sparsely: when windows × groups is far beyond what `rows` can fill,
 * or past the cell cap (never without groups: then there is one group, and a zero-filled result
 * needs every window of it).
 */
export function wantsSparse(dims: DimColumn[], windows: number, rows: number, maxCells: number): boolean {
  const size = denseLayout(dims).size;
  return dims.length > 0 && (windows * size > maxCells || windows * size > 8 * rows + 4096);
}

/** The dense layout as a {@link GroupLayout}: cell = window × groups + Σ code × stride. */
export function denseGroupLayout(dims: DimColumn[]): GroupLayout {
  const { strides, cards, size } = denseLayout(dims);
  return { groups: size, strides, cards, keys: null, cellOf: null, cellStart: null, orders: [] };
}

/**
 * Sparse layout: the cells are numbered from the data instead of laid out as windows × groups.
 * Without zero-fill, a window's cells are just the groups that have events in it; with it, every
 * group seen anywhere in the range, in every window. Cells stay in result order (window, then
 * group key), and each row carries its cell (-1 when `where` drops it), so the kernel needs no
 * group arithmetic at all.
 */
export function sparseLayout(
  dims: DimColumn[],
  where: { codes: Int32Array[]; mask: Uint8Array }[],
  runs: RowRuns,
  fillZero: boolean,
  maxCells: number,
): GroupLayout {
  const { strides, cards, size } = denseLayout(dims);
  if (size > Number.MAX_SAFE_INTEGER) {
    throw new QueryError([{ path: ['groupBy'], message: 'has too many value combinations to group by' }]);
  }
  // Keys are built from ranks, so sorting keys sorts groups by value.
  const orders = dims.map((d) => d.order());
  const ranks = orders.map((o) => {
    if (!o) return null;
    const rank = new Int32Array(o.length);
    o.forEach((code, r) => {
      rank[code] = r;
    });
    return rank;
  });
  const { rowStart } = runs;
  const W = rowStart.length - 1,
    lo = rowStart[0],
    hi = rowStart[W];
  const rowKey = new Float64Array(hi - lo);
  for (let w = 0, q = 0; w < W; w++) {
    for (let r = runs.runStart[w]; r < runs.runStart[w + 1]; r++) {
      const p = runs.runPart[r];
      for (let i = runs.runFrom[r], e = runs.runTo[r]; i < e; i++, q++) {
        let key = 0;
        for (const wh of where)
          if (wh.mask[wh.codes[p][i]] === 0) {
            key = -1;
            break;
          }
        if (key === 0) {
          for (let j = 0; j < dims.length; j++) {
            const code = dims[j].codes[p][i],
              rank = ranks[j];
            key += (rank ? rank[code] : code) * strides[j];
          }
        }
        rowKey[q] = key;
      }
    }
  }
  const cellOf = sharedInt32(hi - lo);
  const cellStart = new Float64Array(W + 1);
  const keys: number[] = [];
  const overCap = () => cellCapError(maxCells);
  if (fillZero) {
    const present = [...new Set(rowKey)].filter((k) => k >= 0).sort((a, b) => a - b);
    if (W * present.length > maxCells) throw overCap();
    const rank = new Map(present.map((k, r) => [k, r]));
    for (let w = 0; w < W; w++) {
      cellStart[w] = w * present.length;
      keys.push(...present);
      for (let i = rowStart[w]; i < rowStart[w + 1]; i++) {
        const k = rowKey[i - lo];
        cellOf[i - lo] = k < 0 ? -1 : cellStart[w] + rank.get(k)!;
      }
    }
    cellStart[W] = W * present.length;
  } else {
    // Each window's distinct groups, found with a stamp per group key (a Map where keys are huge).
    const stamped = size <= 1 << 24;
    const stamp = stamped ? new Int32Array(size) : null;
    const local = stamped ? new Int32Array(size) : null;
    const map = new Map<number, number>();
    const seen = new Float64Array(256);
    let list = seen;
    for (let w = 0; w < W; w++) {
      cellStart[w] = keys.length;
      let m = 0;
      map.clear();
      for (let i = rowStart[w]; i < rowStart[w + 1]; i++) {
        const k = rowKey[i - lo];
        if (k < 0) continue;
        if (stamp ? stamp[k] === w + 1 : map.has(k)) continue;
        if (stamp) stamp[k] = w + 1;
        else map.set(k, 0);
        if (m === list.length) {
          const grown = new Float64Array(m * 2);
          grown.set(list);
          list = grown;
        }
        list[m++] = k;
      }
      const inWindow = list.subarray(0, m).sort();
      if (keys.length + m > maxCells) throw overCap();
      for (let r = 0; r < m; r++) {
        if (local) local[inWindow[r]] = keys.length + r;
        else map.set(inWindow[r], keys.length + r);
      }
      for (let r = 0; r < m; r++) keys.push(inWindow[r]);
      for (let i = rowStart[w]; i < rowStart[w + 1]; i++) {
        const k = rowKey[i - lo];
        cellOf[i - lo] = k < 0 ? -1 : local ? local[k] : map.get(k)!;
      }
    }
    cellStart[W] = keys.length;
  }
  return { groups: 0, strides, cards, keys: Float64Array.from(keys), cellOf, cellStart, orders };
}

/** The dictionary codes of the group columns of cell `c` (dense: of group `c`). */
export function groupCodes(layout: GroupLayout, c: number, out: number[]): number[] {
  const key = layout.keys ? layout.keys[c] : c;
  for (let j = 0; j < layout.strides.length; j++) {
    const digit = Math.floor(key / layout.strides[j]) % layout.cards[j];
    const order = layout.keys ? layout.orders[j] : null;
    out[j] = order ? order[digit] : digit;
  }
  return out;
}
