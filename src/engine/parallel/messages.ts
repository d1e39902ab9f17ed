/**
 * The main-thread ↔ worker contract, in one place. A shard task is nothing but typed arrays
 * (all in SharedArrayBuffers, so posting one shares memory instead of copying it) and a few
 * numbers. The worker writes its results into the task's state arrays and answers with nothing.
 */
import type { AggregateName } from '../aggregates/index.ts';

/** One measure as the kernel sees it. */
export interface ShardMeasure {
  aggregate: AggregateName;
  /** The measure column in time order: numbers (NaN = null) or dictionary codes; null for `count` of rows. */
  input: Float64Array | Int32Array | null;
  /** Dictionary code of null (countDistinct, latest and count of a coded column). */
  nullCode: number;
  /** The state arrays, one cell per window × group, shared by every shard. */
  states: (Float64Array | Int32Array)[];
}

/**
 * Windows `[w0, w1)` of one query: the shard aggregates exactly the rows of those windows and
 * owns their cells — `[w0 * groups, w1 * groups)` of every state array, or with sparse cells
 * `[cellStart[w0], cellStart[w1])`.
 */
export interface ShardTask {
  w0: number;
  w1: number;
  /** Group combinations per window. */
  groups: number;
  /** First row of each window (and one past the last): window w is rows `[rowStart[w], rowStart[w + 1])`. */
  rowStart: Float64Array;
  /** Dense grouping: the cell's group is Σ codes[i] × stride. */
  groupBy: { codes: Int32Array; stride: number }[];
  /** Row filters: a row passes when `mask[codes[i]]` is 1 for every entry. */
  where: { codes: Int32Array; mask: Uint8Array }[];
  /** Sparse cells (replace groupBy and where): each row's cell, -1 when filtered out. */
  cellOf: Int32Array | null;
  /** Sparse cells: window w owns cells `[cellStart[w], cellStart[w + 1])`. */
  cellStart: Float64Array | null;
  /** Events per cell. */
  rows: Float64Array;
  measures: ShardMeasure[];
}

/** What the worker answers: the task's windows, echoed for bookkeeping. */
export interface ShardDone {
  w0: number;
  w1: number;
}
