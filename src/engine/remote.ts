/**
 * Plan + external source (ClickHouse) → result table. The source only aggregates; the grid,
 * window ends, zero-fill and row order come from the same code as in-process.
 *
 * Cells can number in the millions, so the ordering works on numbers, not row objects: each
 * group column's values are ranked once in the engine's value order, a cell's group becomes one
 * mixed-radix key over those ranks, and cells are ordered by (window, key).
 */
import type { ColumnTable } from 'arquero';
import { QueryError } from '../errors.ts';
import type { Plan } from './plan.ts';
import { measureOp } from './measure-ops.ts';
import { emptyTable, toTable } from './result.ts';
import type { CodedValues, EventSource, SourceCells } from './source.ts';
import { compareValues } from './values.ts';
import { cappedGrid } from './windows.ts';

export async function executeRemote(source: EventSource, plan: Plan, maxCells: number): Promise<ColumnTable> {
  let from: number, to: number;
  if (plan.range) {
    from = plan.range.start;
    to = plan.range.end - 1;
  } else {
    const extent = await source.extent(plan);
    if (!extent) return emptyTable(plan);
    from = extent.min;
    to = extent.max;
  }
  const grid = cappedGrid(plan.window, from, to, maxCells);
  return assemble(plan, grid, await source.aggregate(plan, grid));
}

/** A group column as codes into a dictionary of its distinct values. */
function coded(column: unknown[] | CodedValues): CodedValues {
  if (!Array.isArray(column)) return column as CodedValues;
  const index = new Map<unknown, number>();
  const codes = new Int32Array(column.length);
  for (let k = 0; k < column.length; k++) {
    const v = column[k] === undefined ? null : column[k];
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = index.size));
    codes[k] = c;
  }
  return { dict: [...index.keys()], codes };
}

/** Each group column's distinct values in the engine's order, and each cell's rank among them. */
function rankGroups(cells: SourceCells): { dicts: unknown[][]; key: Float64Array; radix: number } {
  const n = cells.window.length;
  const key = new Float64Array(n);
  const dicts: unknown[][] = [];
  let radix = 1;
  for (const column of cells.groups) {
    const { dict, codes } = coded(column);
    // Rank the dictionary (small), then each cell by its code: no per-cell comparison or lookup.
    const order = Array.from(dict, (_, c) => c).sort((a, b) => compareValues(dict[a], dict[b]));
    const rankOf = new Int32Array(dict.length);
    order.forEach((c, r) => {
      rankOf[c] = r;
    });
    const size = dict.length;
    for (let k = 0; k < n; k++) key[k] = key[k] * size + rankOf[codes[k]];
    dicts.push(order.map((c) => dict[c]));
    radix *= size;
  }
  return { dicts, key, radix };
}

/** Are the cells already in result order (window, then group key)? Sources usually send them so. */
function inOrder(window: ArrayLike<number>, key: Float64Array): boolean {
  for (let k = 1; k < key.length; k++) {
    if (window[k] < window[k - 1] || (window[k] === window[k - 1] && key[k] <= key[k - 1])) return false;
  }
  return true;
}

function assemble(plan: Plan, grid: Float64Array, cells: SourceCells): ColumnTable {
  const n = cells.window.length,
    W = grid.length - 1;
  const { dicts, key, radix } = rankGroups(cells);
  if (radix * (W + 1) > Number.MAX_SAFE_INTEGER) {
    throw new QueryError([{ path: ['groupBy'], message: 'has too many value combinations to group by' }]);
  }
  // Output slots: (window, group key) → the source cell, or -1 for a zero-filled one; null when
  // the slots are the cells themselves, in their order.
  let slotWindow: ArrayLike<number>, slotKey: Float64Array, slotCell: Int32Array | null;
  if (plan.fill === 'zero') {
    const keys = plan.groupBy.length === 0 ? Float64Array.of(0) : Float64Array.from(new Set(key)).sort();
    const index = new Map<number, number>();
    for (let k = 0; k < n; k++) index.set(cells.window[k] * radix + key[k], k);
    const total = W * keys.length;
    const sw = new Float64Array(total);
    slotKey = new Float64Array(total);
    slotCell = new Int32Array(total);
    for (let w = 0, s = 0; w < W; w++) {
      for (const g of keys) {
        sw[s] = w;
        slotKey[s] = g;
        slotCell[s++] = index.get(w * radix + g) ?? -1;
      }
    }
    slotWindow = sw;
  } else if (inOrder(cells.window, key)) {
    slotWindow = cells.window;
    slotKey = key;
    slotCell = null;
  } else {
    const order = Array.from({ length: n }, (_, k) => k);
    order.sort((a, b) => cells.window[a] - cells.window[b] || key[a] - key[b]);
    slotWindow = Float64Array.from(order, (k) => cells.window[k]);
    slotKey = Float64Array.from(order, (k) => key[k]);
    slotCell = Int32Array.from(order);
  }
  const slots = slotKey.length;
  const groups = plan.groupBy.map((name, j) => {
    let below = 1;
    for (let i = j + 1; i < dicts.length; i++) below *= dicts[i].length;
    const dict = dicts[j],
      size = dict.length;
    const values = new Array<unknown>(slots);
    for (let s = 0; s < slots; s++) values[s] = dict[Math.floor(slotKey[s] / below) % size];
    return { name, values };
  });
  const measures = plan.measures.map((m, j) => ({
    name: m.name,
    values: slotValues(cells.measures[j], slotCell, slots, measureOp(m.op).empty),
  }));
  const windowStart = new Float64Array(slots),
    windowEnd = new Float64Array(slots);
  for (let s = 0; s < slots; s++) {
    windowStart[s] = grid[slotWindow[s]];
    windowEnd[s] = grid[slotWindow[s] + 1];
  }
  return toTable({ windowStart, windowEnd, groups, measures });
}

/** A measure's value per slot: its cell's, or the op's empty value for a zero-filled slot. */
function slotValues(values: ArrayLike<unknown>, slotCell: Int32Array | null, slots: number, empty: 0 | null): ArrayLike<unknown> {
  // Numbers that are never null stay a Float64Array, as the in-process result has them.
  if (values instanceof Float64Array && empty === 0) {
    if (!slotCell) return values;
    const out = new Float64Array(slots);
    for (let s = 0; s < slots; s++) out[s] = slotCell[s] < 0 ? 0 : values[slotCell[s]];
    return out;
  }
  const out = new Array<unknown>(slots);
  for (let s = 0; s < slots; s++) {
    const k = slotCell ? slotCell[s] : s;
    out[s] = k < 0 ? empty : (values[k] ?? null);
  }
  return out;
}
