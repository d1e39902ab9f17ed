/**
 * Finished cells → the result table: `window_start`, `window_end`, the group columns, the
 * measures, in window then group order. The cell order of the state arrays already is the
 * result order, so this is one pass with no sort.
 */
import { table, type ColumnTable } from 'arquero';
import type { Plan } from './plan.ts';

export interface ResultColumns {
  windowStart: Float64Array;
  windowEnd: Float64Array;
  groups: { name: string; values: unknown[] }[];
  measures: { name: string; values: ArrayLike<unknown> }[];
}

/** The result of a query that matched nothing: its columns, no rows. */
export function emptyTable(plan: Plan): ColumnTable {
  return toTable({
    windowStart: new Float64Array(0), windowEnd: new Float64Array(0),
    groups: plan.groupBy.map((name) => ({ name, values: [] })),
    measures: plan.measures.map((m) => ({ name: m.name, values: [] })),
  });
}

export function toTable(cols: ResultColumns): ColumnTable {
  const data: Record<string, ArrayLike<unknown>> = { window_start: cols.windowStart, window_end: cols.windowEnd };
  for (const g of cols.groups) data[g.name] = g.values;
  for (const m of cols.measures) data[m.name] = m.values;
  return table(data as Record<string, unknown[]>);
}
