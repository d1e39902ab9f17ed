/** The kernel's aggregates by stable name; which op uses which is in ../measure-ops.ts. */
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

/** The aggregate a task names. */
export function aggregateByName(name: AggregateName): Aggregate {
  return AGGREGATES[name];
}
