/**
 * Finished cells → the result table: `window_start`, `window_end`, the group columns, the
 * measures, in window then group order. The cell order of the state arrays already is the
 * result order, so this is one pass with no sort.
 */
import { table, type ColumnTable } from 'arquero';
import { OverflowError } from '../errors.ts';
import { isInstantMs } from '../time.ts';
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
    windowStart: new Float64Array(0),
    windowEnd: new Float64Array(0),
    groups: plan.groupBy.map((name) => ({ name, values: [] })),
    measures: plan.measures.map((m) => ({ name: m.name, values: [] })),
  });
}

/**
 * Refuses a result holding ±Infinity: a sum of finite values that overflowed. Printed, it would
 * be `null` (JSON) or a silently wrong number; instead the error names the first such cell.
 */
function checkFinite(cols: ResultColumns): void {
  for (const m of cols.measures) {
    const values = m.values;
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (v !== Infinity && v !== -Infinity) continue;
      const windowStart = cols.windowStart[k],
        windowEnd = cols.windowEnd[k];
      const group = Object.fromEntries(cols.groups.map((g) => [g.name, g.values[k] ?? null]));
      const at = (ms: number) => (isInstantMs(ms) ? new Date(ms).toISOString() : String(ms));
      const keys = Object.entries(group)
        .map(([c, g]) => `${c}=${JSON.stringify(g)}`)
        .join(', ');
      throw new OverflowError(
        { measure: m.name, windowStart, windowEnd, group, value: v as number },
        `in window [${at(windowStart)}, ${at(windowEnd)})${keys ? ` for ${keys}` : ''}`,
      );
    }
  }
}

export function toTable(cols: ResultColumns): ColumnTable {
  checkFinite(cols);
  const data: Record<string, ArrayLike<unknown>> = { window_start: cols.windowStart, window_end: cols.windowEnd };
  for (const g of cols.groups) data[g.name] = g.values;
  for (const m of cols.measures) data[m.name] = m.values;
  return table(data as Record<string, unknown[]>);
}
