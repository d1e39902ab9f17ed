/**
 * The contract between the engine and an event store outside the process (ClickHouse).
 *
 * The engine keeps everything that decides a result's shape — the window grid, the window ends,
 * zero-fill, row order — and asks the source only for what needs the events: their time extent
 * and one row per non-empty (window, group) cell with the finished measures. So calendar and DST
 * semantics come from the same code in-process and remotely.
 */
import type { Plan } from './plan.ts';
import type { Instant, Query } from './types.ts';

export const EVENT_SOURCE: unique symbol = Symbol.for('usage-aggregator.event-source');

/**
 * A column of cell values as dictionary codes: cell k holds `dict[codes[k]]`. Each value appears
 * once in `dict` (null included), so equal codes are exactly equal values.
 */
export interface CodedValues {
  dict: readonly unknown[];
  codes: Int32Array;
}

/** Non-empty cells as the source computed them; all arrays have one entry per cell. */
export interface SourceCells {
  /** Index of the cell's window in the grid (`grid[i] <= t < grid[i + 1]`). */
  window: ArrayLike<number>;
  /**
   * Per group column (in `plan.groupBy` order), the decoded value of each cell (null for none):
   * a plain list, or dictionary-coded, which spares the engine a lookup per cell.
   */
  groups: (unknown[] | CodedValues)[];
  /** Per measure (in `plan.measures` order), the finished value of each cell. */
  measures: ArrayLike<unknown>[];
}

/** What {@link EventSource.rows} lists. */
export interface RowsRequest {
  time: string;
  range: { start: Instant; end: Instant };
  where?: Query['where'];
  /** Columns to return besides the time column. */
  columns: string[];
  offset?: number;
  limit: number;
}

export interface EventSource {
  readonly [EVENT_SOURCE]: true;
  /** Smallest and largest instant among the events that pass `plan.where` and `plan.range`; null when none. */
  extent(plan: Plan): Promise<{ min: number; max: number } | null>;
  /**
   * Aggregates the events that pass `plan.where` and lie in `[grid[0], grid[grid.length - 1])`
   * (and in `plan.range` when set) into cells. `grid` holds the window boundaries, ascending.
   */
  aggregate(plan: Plan, grid: Float64Array): Promise<SourceCells>;
  /**
   * Optional: the events themselves, for listings such as Scenario's activity. Events in `range`
   * that pass `where`, newest first (ties: the later row in input order first), `limit` of them
   * from `offset` (default 0). Each row has the time column as epoch ms and `columns`. A source
   * that cannot list leaves it out; what needs a listing then refuses the source.
   *
   * @example
   * const page = await source.rows?.({ time: 'ts', range: { start: 0, end: Date.now() },
   *   where: { user_id: ['u1'] }, columns: ['action'], offset: 0, limit: 100 });
   * // [{ ts: 1775645806000, action: 'upscale' }, …]
   */
  rows?(request: RowsRequest): Promise<Record<string, unknown>[]>;
  /**
   * Optional: whether the source has a column, so that a query with `missingColumns: 'null'`
   * (and a listing such as Scenario's activity) reads a column it lacks as null. Without it,
   * every column a query names is taken to exist.
   */
  hasColumn?(column: string): boolean;
}

export function isEventSource(value: unknown): value is EventSource {
  return typeof value === 'object' && value !== null && (value as Partial<EventSource>)[EVENT_SOURCE] === true;
}
