/**
 * The shapes users write: a query and its parts, and events as records. The zod schema in
 * plan.ts is checked against {@link Query} by the compiler, so the two cannot drift apart. What
 * the engine is and accepts (`Engine`, `Events`) is in engine.ts, above the source contract,
 * so this file imports nothing of the engine but the measure-op table.
 */
import type { MeasureOp } from './measure-ops.ts';

export type { MeasureOp } from './measure-ops.ts';

/** An instant: epoch milliseconds, an ISO-8601 date-time string with `Z` or an offset, or a Date. */
export type Instant = number | string | Date;

/** A dimension value a `where` clause can match. */
export type Scalar = string | number | boolean;

/** Calendar windows follow the local clock of the query's `timeZone`. */
export type CalendarUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

/** A fixed duration on the UTC timeline; the parts are added up. */
export interface DurationSpec {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

/**
 * `'hour'`, `'day'`, … are calendar windows in `timeZone`; `'5m'`, `'15m'`, `'6h'`, `'1d'`,
 * `'30s'`, `'250ms'` or a {@link DurationSpec} are fixed durations aligned to `origin`;
 * `'none'` is one window: the range (without a range, from the first to the last event).
 */
export type WindowSpec = CalendarUnit | 'none' | `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w'}` | DurationSpec;

/** A `where` condition on one column: a value, a list (IN), `{ not: [...] }`, or `null` (IS NULL). */
export type WhereCondition = Scalar | null | (Scalar | null)[] | { not: (Scalar | null)[] };

/** `count` without a column counts events; every other op needs its column. */
export interface MeasureSpec {
  op: MeasureOp;
  column?: string;
}

/** An engine query. See README "Query reference" for the semantics of each field. */
export interface Query {
  /** Column of event instants. */
  time: string;
  window: WindowSpec;
  /** IANA zone for calendar windows. Default `'UTC'`. */
  timeZone?: string;
  /** Instant fixed-duration windows align to. Default 1970-01-01T00:00Z. */
  origin?: Instant;
  /** Half-open `[start, end)`; events outside never count. */
  range?: { start: Instant; end: Instant };
  groupBy?: string[];
  where?: Record<string, WhereCondition>;
  measures: Record<string, MeasureSpec>;
  /** `'zero'` reports every window of the range (× every group seen); needs `range`. */
  fill?: 'none' | 'zero';
  /**
   * A column the query names that no event carries: `'error'` (default) rejects the query with
   * `unknown column`; `'null'` reads it as null in every event (a dimension of nulls, a measure
   * with no values). The time column must always exist.
   */
  missingColumns?: 'error' | 'null';
}

/** Records as a user passes them: an array of plain objects. */
export type EventRecords = readonly Record<string, unknown>[];
