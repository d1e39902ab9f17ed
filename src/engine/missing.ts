/**
 * `missingColumns: 'null'`: a column no event carries reads as null, as if every event had it
 * with a null value — a dimension of nulls, a measure with no values. The façades ask for this,
 * because an operator's events may leave a whole vendor column out (a file without it, records
 * that never spell the key) and a request must not fail for it, nor depend on whether records
 * write `key: null` or leave the key out.
 *
 * The plan is rewritten without the missing columns, so the local and remote paths run it
 * unchanged, and the result is completed afterwards with exactly what an all-null column gives:
 * - a missing group column: dropped from the grouping, then added back as nulls;
 * - a missing measure column: the measure is not computed, and reads its empty value in every
 *   row (sum, count, countDistinct 0; min, max, avg, latest null);
 * - a `where` on a missing column: kept out when it admits null (every event passes it), else no
 *   event passes and the query runs over no events at all.
 * When every group column is missing under `fill: 'zero'`, the null group exists only if an
 * event passes, so a count of the passing events decides between its rows and none.
 */
import type { ColumnTable } from 'arquero';
import type { Plan } from './plan.ts';
import { measureOp } from './measure-ops.ts';

export interface MissingRewrite {
  /** The plan without the missing columns. */
  plan: Plan;
  /** True when a `where` on a missing column rejects every event. */
  nothingPasses: boolean;
  /** The rewritten plan's result → the original plan's result. */
  restore(table: ColumnTable): ColumnTable;
}

/**
 * The rewrite for the columns `has` says are missing; null when the plan names none.
 *
 * @example
 * const rewrite = withoutMissingColumns(plan, (c) => c !== 'external_project_id');
 * const table = rewrite ? rewrite.restore(await run(rewrite.plan)) : await run(plan);
 */
export function withoutMissingColumns(plan: Plan, has: (column: string) => boolean): MissingRewrite | null {
  const missingGroups = plan.groupBy.filter((c) => !has(c));
  const missingMeasures = plan.measures.filter((m) => m.column !== null && !has(m.column));
  const missingWhere = plan.where.filter((w) => !has(w.column));
  if (missingGroups.length + missingMeasures.length + missingWhere.length === 0) return null;

  const groupBy = plan.groupBy.filter((c) => has(c));
  // All groups gone under zero-fill: the null group exists only when an event passes.
  const countPassing = plan.fill === 'zero' && plan.groupBy.length > 0 && groupBy.length === 0;
  // A name for the count of passing events that no output column of the query has.
  const names = new Set([...plan.groupBy, ...plan.measures.map((m) => m.name)]);
  let passingName = '__passing';
  while (names.has(passingName)) passingName += '_';
  const rewritten: Plan = {
    ...plan,
    groupBy,
    where: plan.where.filter((w) => has(w.column)),
    measures: [
      ...plan.measures.filter((m) => m.column === null || has(m.column)),
      ...(countPassing ? [{ name: passingName, op: 'count' as const, column: null }] : []),
    ],
  };
  const order = ['window_start', 'window_end', ...plan.groupBy, ...plan.measures.map((m) => m.name)];

  function restore(table: ColumnTable): ColumnTable {
    let t = table;
    if (countPassing) {
      const passing = t.array(passingName) as ArrayLike<number>;
      let any = false;
      for (let i = 0; i < passing.length && !any; i++) any = passing[i] > 0;
      if (!any) t = t.slice(0, 0);
    }
    const n = t.numRows();
    const added: Record<string, unknown[]> = {};
    for (const c of missingGroups) added[c] = new Array<unknown>(n).fill(null);
    for (const m of missingMeasures) added[m.name] = new Array<unknown>(n).fill(measureOp(m.op).empty);
    return (Object.keys(added).length ? t.assign(added) : t).select(order);
  }

  return { plan: rewritten, nothingPasses: missingWhere.some((w) => !w.matchNull), restore };
}
