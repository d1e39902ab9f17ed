/**
 * The engine's public types: what a query is, what the engine is, what it accepts as events.
 * The zod schema that validates a query lives in plan.ts; these are the shapes users write.
 */
import type { ColumnTable } from 'arquero';

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

export type MeasureOp = 'sum' | 'count' | 'min' | 'max' | 'avg' | 'countDistinct' | 'latest';

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
}

/** Records as a user passes them: an array of plain objects. */
export type EventRecords = readonly Record<string, unknown>[];

/** What `engine.aggregate` accepts: an arquero table, an array of records, or an external source. */
export type Events = ColumnTable | EventRecords | import('./source.ts').EventSource;

export interface EngineOptions {
  /** `0` runs every query inline; `n` uses a pool of n worker threads; `'auto'` one per core. Default `'auto'`. */
  workers?: number | 'auto';
  /** Largest result (windows × group combinations) a query may plan. Default 10,000,000. */
  maxCells?: number;
  /** Queries touching fewer events than this run inline, without a worker round-trip. Default 200,000. */
  inlineThreshold?: number;
}

export interface Engine {
  /**
   * Aggregates events by window, groups and measures.
   * Resolves to an arquero table: `window_start`, `window_end` (epoch ms), the group columns,
   * the measures; rows ordered by window start, then each group column ascending (nulls last).
   * Rejects with a `QueryError` for a bad query or an event value that does not fit it.
   */
  aggregate(events: Events, query: Query): Promise<ColumnTable>;
  /** Stops the worker pool (if any). The engine still answers queries inline afterwards. */
  close(): Promise<void>;
}
