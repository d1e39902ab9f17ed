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
import type { EventSource, SourceCells } from './source.ts';
import { compareValues } from './values.ts';
import { cappedGrid } from './windows.ts';

export async function executeRemote(source: EventSource, plan: Plan, maxCells: number): Promise<ColumnTable> {
  let from: number, to: number;
  if (plan.range) {
    from = plan.range.start; to = plan.range.end - 1;
  } else {
    const extent = await source.extent(plan);
    if (!extent) return emptyTable(plan);
    from = extent.min; to = extent.max;
  }
  const grid = cappedGrid(plan.window, from, to, maxCells);
  return assemble(plan, grid, await source.aggregate(plan, grid));
}

/** Each group column's distinct values in the engine's order, and each cell's rank among them. */
function rankGroups(cells: SourceCells): { dicts: unknown[][]; key: Float64Array; radix: number } {
  const n = cells.window.length;
  const key = new Float64Array(n);
  const dicts: unknown[][] = [];
  let radix = 1;
  for (const column of cells.groups) {
    const dict = [...new Set(column.map((v) => (v === undefined ? null : v)))].sort(compareValues);
    const rank = new Map(dict.map((v, r) => [v, r]));
    for (let k = 0; k < n; k++) key[k] = key[k] * dict.length + rank.get(column[k] ?? null)!;
    dicts.push(dict);
    radix *= dict.length;
  }
  return { dicts, key, radix };
}

function assemble(plan: Plan, grid: Float64Array, cells: SourceCells): ColumnTable {
  const n = cells.window.length, W = grid.length - 1;
  const { dicts, key, radix } = rankGroups(cells);
  if (radix * (W + 1) > Number.MAX_SAFE_INTEGER) {
    throw new QueryError([{ path: ['groupBy'], message: 'has too many value combinations to group by' }]);
  }
  // Output slots: (window, group key) → the source cell, or -1 for a zero-filled one.
  let slotWindow: Float64Array, slotKey: Float64Array, slotCell: Int32Array;
  if (plan.fill === 'zero') {
    const keys = plan.groupBy.length === 0 ? Float64Array.of(0) : Float64Array.from(new Set(key)).sort();
    const index = new Map<number, number>();
    for (let k = 0; k < n; k++) index.set(cells.window[k] * radix + key[k], k);
    const total = W * keys.length;
    slotWindow = new Float64Array(total); slotKey = new Float64Array(total); slotCell = new Int32Array(total);
    for (let w = 0, s = 0; w < W; w++) {
      for (const g of keys) { slotWindow[s] = w; slotKey[s] = g; slotCell[s++] = index.get(w * radix + g) ?? -1; }
    }
  } else {
    const order = Array.from({ length: n }, (_, k) => k);
    order.sort((a, b) => cells.window[a] - cells.window[b] || key[a] - key[b]);
    slotWindow = Float64Array.from(order, (k) => cells.window[k]);
    slotKey = Float64Array.from(order, (k) => key[k]);
    slotCell = Int32Array.from(order);
  }
  const groups = plan.groupBy.map((name, j) => {
    let below = 1;
    for (let i = j + 1; i < dicts.length; i++) below *= dicts[i].length;
    const dict = dicts[j];
    return { name, values: Array.from(slotKey, (g) => dict[Math.floor(g / below) % dict.length]) };
  });
  const measures = plan.measures.map((m, j) => {
    const values = cells.measures[j], empty = measureOp(m.op).empty;
    return { name: m.name, values: Array.from(slotCell, (k) => (k < 0 ? empty : values[k] ?? null)) };
  });
  return toTable({
    windowStart: Float64Array.from(slotWindow, (w) => grid[w]),
    windowEnd: Float64Array.from(slotWindow, (w) => grid[w + 1]),
    groups, measures,
  });
}
