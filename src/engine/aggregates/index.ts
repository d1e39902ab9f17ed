import type { MeasureOp } from '../types.ts';
import { avg } from './avg.ts';
import { countDistinct } from './count-distinct.ts';
import { countCode, countNum, countRows } from './count.ts';
import { latestCode, latestNum } from './latest.ts';
import { max } from './max.ts';
import { min } from './min.ts';
import { sum } from './sum.ts';
import type { Aggregate } from './types.ts';

export type { Aggregate, MeasureInput, StateSpec } from './types.ts';

/** Stable names for the aggregates, so a worker can rebuild the same kernel from a task. */
export const AGGREGATES = { sum, avg, min, max, countRows, countNum, countCode, latestNum, latestCode, countDistinct } as const;
export type AggregateName = keyof typeof AGGREGATES;

/**
 * The aggregate for an op, given how its column encodes: `numeric` when every non-null value
 * is a number. Ops that need numbers get `null` for a non-numeric column.
 */
export function aggregateFor(op: MeasureOp, hasColumn: boolean, numeric: boolean): AggregateName | null {
  switch (op) {
    case 'sum': case 'avg': case 'min': case 'max': return numeric ? op : null;
    case 'count': return !hasColumn ? 'countRows' : numeric ? 'countNum' : 'countCode';
    case 'latest': return numeric ? 'latestNum' : 'latestCode';
    case 'countDistinct': return 'countDistinct';
  }
}

export function aggregateByName(name: AggregateName): Aggregate {
  return AGGREGATES[name];
}
