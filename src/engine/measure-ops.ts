/**
 * Every fact about a measure op, in one table: whether it needs numbers, whether it needs a
 * column, what an empty cell reports, which kernel aggregate computes it (by how its column is
 * encoded), and its SQL form for a source that aggregates on a server. The planner, the kernel,
 * the result, the ClickHouse compiler and decoder and the CLI all read this table, so adding an
 * op is one entry here plus its aggregate in `aggregates/`.
 */
import type { AggregateName } from './aggregates/index.ts';

/** A measure op's facts. */
export interface MeasureOpInfo {
  /** Reads numbers only: a column holding any other value is an error (sum, avg, min, max). */
  numeric: boolean;
  /** The column may be left out (count then counts events). */
  columnOptional: boolean;
  /** What a cell with no value reports. */
  empty: 0 | null;
  /** Reports one of the column's own values (of any type), not a number computed from them. */
  reportsValue: boolean;
  /**
   * The kernel aggregate by how the column reaches it: no column (`rows`), numbers (`num`,
   * used whenever the column is numeric) or dictionary codes (`code`). An op without `num`
   * always reads codes; one without `code` needs numbers.
   */
  kernel: { rows?: AggregateName; num?: AggregateName; code?: AggregateName };
  /**
   * The SQL expressions (ClickHouse dialect) that compute the op's parts per group, given the
   * quoted column (null without one) and the quoted time and sequence columns (for ties).
   */
  sql(column: string | null, time: string, seq: string): string[];
  /** The finished value from the parts' values (null for SQL NULL); absent: the one part, NULL reported as `empty`. */
  finish?(parts: (number | null)[]): number | null;
}

/** The name of a measure op. Written out (not derived from the table) so the public types are explicit. */
export type MeasureOp = 'sum' | 'count' | 'min' | 'max' | 'avg' | 'countDistinct' | 'latest';

/** Every op's facts; the type makes the table name exactly the ops of {@link MeasureOp}. */
export const MEASURE_OPS: { readonly [Op in MeasureOp]: MeasureOpInfo } = {
  sum: {
    numeric: true,
    columnOptional: false,
    empty: 0,
    reportsValue: false,
    kernel: { num: 'sum' },
    sql: (c) => [`sum(${c})`],
  },
  count: {
    numeric: false,
    columnOptional: true,
    empty: 0,
    reportsValue: false,
    kernel: { rows: 'countRows', num: 'countNum', code: 'countCode' },
    sql: (c) => [c === null ? 'count()' : `count(${c})`],
  },
  min: {
    numeric: true,
    columnOptional: false,
    empty: null,
    reportsValue: false,
    kernel: { num: 'min' },
    sql: (c) => [`min(${c})`],
  },
  max: {
    numeric: true,
    columnOptional: false,
    empty: null,
    reportsValue: false,
    kernel: { num: 'max' },
    sql: (c) => [`max(${c})`],
  },
  avg: {
    numeric: true,
    columnOptional: false,
    empty: null,
    reportsValue: false,
    kernel: { num: 'avg' },
    // Sum and count rather than avg(): the mean is then divided exactly as the kernel divides it.
    sql: (c) => [`sum(${c})`, `count(${c})`],
    finish: ([sum, count]) => (count !== null && count > 0 && sum !== null ? sum / count : null),
  },
  countDistinct: {
    numeric: false,
    columnOptional: false,
    empty: 0,
    reportsValue: false,
    kernel: { code: 'countDistinct' },
    sql: (c) => [`uniqExact(${c})`],
  },
  latest: {
    numeric: false,
    columnOptional: false,
    empty: null,
    reportsValue: true,
    kernel: { num: 'latestNum', code: 'latestCode' },
    // Rows whose value is null are skipped by argMax itself; (instant, seq) breaks ties by input order.
    sql: (c, time, seq) => [`argMax(${c}, tuple(${time}, ${seq}))`],
  },
};

/** The op names, in table order (for validation messages). */
export const MEASURE_OP_NAMES = Object.keys(MEASURE_OPS) as [MeasureOp, ...MeasureOp[]];

/** The facts of one op. */
export function measureOp(op: MeasureOp): MeasureOpInfo {
  return MEASURE_OPS[op];
}

/**
 * The kernel aggregate for an op, given whether it has a column and whether that column is
 * numeric; null when the op needs numbers and the column has other values.
 */
export function aggregateFor(op: MeasureOp, hasColumn: boolean, numeric: boolean): AggregateName | null {
  const { kernel } = measureOp(op);
  if (!hasColumn) return kernel.rows ?? null;
  return (numeric ? (kernel.num ?? kernel.code) : kernel.code) ?? null;
}

/** Does the op read its column as numbers when that column is numeric? (countDistinct reads codes.) */
export function readsNumbers(op: MeasureOp): boolean {
  return measureOp(op).kernel.num !== undefined;
}
