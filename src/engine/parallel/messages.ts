/**
 * The main-thread ↔ worker contract, in one place. A shard task is nothing but typed arrays
 * (all in SharedArrayBuffers, so posting one shares memory instead of copying it) and a few
 * numbers. The worker writes its results into the task's state arrays and answers with nothing.
 */
import type { AggregateName } from '../aggregates/index.ts';

/** One measure as the kernel sees it. */
export interface ShardMeasure {
  aggregate: AggregateName;
  /** The measure column, per part in time order: numbers (NaN = null) or dictionary codes; null for `count` of rows. */
  input: Float64Array[] | Int32Array[] | null;
  /** Dictionary code of null (countDistinct, latest and count of a coded column). */
  nullCode: number;
  /** How many codes a coded column has (null included); 0 for numbers. */
  codes: number;
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
  /**
   * Where each window's rows start in the merged order of the parts (and one past the last):
   * window w is merged positions `[rowStart[w], rowStart[w + 1])`, read as runs (../runs.ts).
   */
  rowStart: Float64Array;
  /** Window w is runs `[runStart[w], runStart[w + 1])`; run r is rows `[runFrom[r], runTo[r])` of part `runPart[r]`. */
  runStart: Float64Array;
  runPart: Int32Array;
  runFrom: Float64Array;
  runTo: Float64Array;
  /** Dense grouping: the cell's group is Σ codes[part][i] × stride. */
  groupBy: { codes: Int32Array[]; stride: number }[];
  /** Row filters: a row passes when `mask[codes[part][i]]` is 1 for every entry. */
  where: { codes: Int32Array[]; mask: Uint8Array }[];
  /** Sparse cells (replace groupBy and where): the cell of each merged position, -1 when filtered out. */
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

/** Arrays moved to a worker only to be dropped there, so their memory is freed on that thread. */
export interface DiscardTask {
  kind: 'discard';
  buffers: ArrayBuffer[];
}
