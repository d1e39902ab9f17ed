/**
 * Values for the naive reference: what counts as null, `where` matching, the seven measures
 * over one cell's rows, and the output order of group values.
 */
import type { MeasureOp, WhereCondition } from '../../src/engine/types.ts';

/** undefined and NaN count as null. */
export function isNull(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

export function normalise(v: unknown): unknown {
  return isNull(v) ? null : v;
}

/** Strict equality ('1' ≠ 1); a null value matches only where null is asked for. */
export function matchesWhere(value: unknown, cond: WhereCondition): boolean {
  const v = normalise(value);
  if (cond === null) return v === null;
  if (Array.isArray(cond)) return cond.some((c) => c === v);
  if (typeof cond === 'object') return !cond.not.some((c) => c === v);
  return v === cond;
}

/** A row of one cell: its values and its instant and position, for `latest`. */
export interface CellRow {
  row: Record<string, unknown>;
  t: number;
  index: number;
}

export function measure(op: MeasureOp, column: string | undefined, rows: CellRow[]): unknown {
  if (op === 'count' && column === undefined) return rows.length;
  const present = rows.filter((r) => !isNull(r.row[column!]));
  const values = present.map((r) => r.row[column!]);
  switch (op) {
    case 'count':
      return values.length;
    case 'countDistinct':
      return new Set(values).size;
    case 'sum':
      return (values as number[]).reduce((a, b) => a + b, 0);
    case 'avg':
      return values.length ? (values as number[]).reduce((a, b) => a + b, 0) / values.length : null;
    case 'min':
      return values.length ? Math.min(...(values as number[])) : null;
    case 'max':
      return values.length ? Math.max(...(values as number[])) : null;
    case 'latest': {
      let best: CellRow | null = null;
      // Rows are in input order, so `>=` lets the later row win a tie.
      for (const r of present) if (best === null || r.t >= best.t) best = r;
      return best === null ? null : best.row[column!];
    }
  }
}

function typeRank(v: unknown): number {
  if (v === null) return 3;
  if (typeof v === 'boolean') return 0;
  if (typeof v === 'number') return 1;
  return 2;
}

/** boolean < number < string, nulls last; within a type JS `<` (strings by UTF-16 code units). */
export function compareGroupValues(a: unknown, b: unknown): number {
  const ra = typeRank(a),
    rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 3) return 0;
  const x = a as string | number | boolean,
    y = b as string | number | boolean;
  return x < y ? -1 : x > y ? 1 : 0;
}
