/**
 * Plan + external source (ClickHouse) → result table. The source only aggregates; the grid,
 * window ends, zero-fill and row order come from the same code as in-process.
 */
import type { ColumnTable } from 'arquero';
import { cellCapError, type Plan } from './plan.ts';
import { emptyValue, toTable } from './result.ts';
import type { EventSource } from './source.ts';
import { compareValues } from './values.ts';
import { buildGrid, minimumWindowCount } from './windows.ts';

export async function executeRemote(source: EventSource, plan: Plan, maxCells: number): Promise<ColumnTable> {
  let from: number, to: number;
  if (plan.range) {
    from = plan.range.start; to = plan.range.end - 1;
  } else {
    const extent = await source.extent(plan);
    if (!extent) return assemble(plan, new Float64Array(0), [], []);
    from = extent.min; to = extent.max;
  }
  if (minimumWindowCount(plan.window, from, to) > maxCells) {
    throw cellCapError(maxCells);
  }
  const grid = buildGrid(plan.window, from, to);
  if (grid.length - 1 > maxCells) {
    throw cellCapError(maxCells);
  }
  const cells = await source.aggregate(plan, grid);
  const n = cells.window.length;
  const groupKey = (k: number) => cells.groups.map((g) => g[k]);
  const compareGroups = (a: unknown[], b: unknown[]) => {
    for (let j = 0; j < a.length; j++) { const d = compareValues(a[j], b[j]); if (d) return d; }
    return 0;
  };
  type Row = { w: number; group: unknown[]; k: number };
  let rows: Row[] = Array.from({ length: n }, (_, k) => ({ w: cells.window[k], group: groupKey(k), k }));
  if (plan.fill === 'zero') {
    const groups: unknown[][] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const id = JSON.stringify(r.group);
      if (!seen.has(id)) { seen.add(id); groups.push(r.group); }
    }
    if (plan.groupBy.length === 0) groups.splice(0, groups.length, []);
    const have = new Map(rows.map((r) => [`${r.w}|${JSON.stringify(r.group)}`, r]));
    rows = [];
    for (let w = 0; w < grid.length - 1; w++) {
      for (const g of groups) rows.push(have.get(`${w}|${JSON.stringify(g)}`) ?? { w, group: g, k: -1 });
    }
  }
  rows.sort((a, b) => a.w - b.w || compareGroups(a.group, b.group));
  return assemble(plan, grid, rows, cells.measures);
}

function assemble(plan: Plan, grid: Float64Array, rows: { w: number; group: unknown[]; k: number }[], measures: unknown[][]): ColumnTable {
  return toTable({
    windowStart: Float64Array.from(rows, (r) => grid[r.w]),
    windowEnd: Float64Array.from(rows, (r) => grid[r.w + 1]),
    groups: plan.groupBy.map((name, j) => ({ name, values: rows.map((r) => r.group[j] ?? null) })),
    measures: plan.measures.map((m, j) => ({
      name: m.name,
      values: rows.map((r) => (r.k < 0 ? emptyValue(m.op) : measures[j][r.k] ?? null)),
    })),
  });
}
