/**
 * Plan + grid → ClickHouse SQL. The SQL filters (where, range, grid bounds), assigns each event
 * its window index, groups by window and the group columns, and computes the measures with the
 * engine's semantics; decoding the rows it returns is in decode.ts.
 *
 * Every column a plan names must be one of the source's configured columns (an allow-list of
 * plain identifiers); every value goes through the query's {@link Binder}.
 */
import { QueryError } from '../errors.ts';
import { measureOp } from '../engine/measure-ops.ts';
import type { MeasurePlan, Plan, WherePlan } from '../engine/plan.ts';
import { quoteIdentifier, quoteTable } from './identifiers.ts';
import { fitsKind, sqlInteger, type Binder, type ColumnKind } from './literals.ts';
import { windowIndexSql } from './window-sql.ts';

/** What the compiler knows about the table. */
export interface TableSchema {
  /** `table` or `database.table`. */
  table: string;
  /** Every column queries may name, with how it holds its values. */
  columns: Readonly<Record<string, ColumnKind>>;
  /** The UInt64 column holding each event's position in input order (ties of `latest`). */
  seq: string;
}

/** How one measure is computed: its SELECT expressions and how their values finish it. */
export interface MeasureSql {
  plan: MeasurePlan;
  exprs: string[];
  /** The kind of the measured column, or null for `count` of events. */
  kind: ColumnKind | null;
  /**
   * A numeric op over a column that is not numeric: valid only while the column holds no value
   * (the engine's rule); the source checks that before running the query.
   */
  needsNoValues: boolean;
}

export interface CompiledAggregate {
  sql: string;
  params: Record<string, string | number>;
  measures: MeasureSql[];
}

const isNumericKind = (kind: ColumnKind) => kind === 'number' || kind === 'time';

/** The kind of a column the plan names, or the engine's `unknown column` error. */
function kindOf(schema: TableSchema, column: string, path: (string | number)[]): ColumnKind {
  if (!Object.hasOwn(schema.columns, column)) throw new QueryError([{ path, message: `unknown column '${column}'` }]);
  return schema.columns[column];
}

/** Checks every column the plan names, in the engine's order: time, groupBy, where, measures. */
export function checkPlanColumns(plan: Plan, schema: TableSchema): void {
  if (kindOf(schema, plan.time, ['time']) !== 'time') {
    throw new QueryError([{ path: ['time'], message: `column '${plan.time}' is not a time column of the ClickHouse table` }]);
  }
  plan.groupBy.forEach((c, i) => kindOf(schema, c, ['groupBy', i]));
  plan.where.forEach((w) => kindOf(schema, w.column, ['where', w.column]));
  plan.measures.forEach((m) => m.column !== null && kindOf(schema, m.column, ['measures', m.name, 'column']));
}

function whereSql(w: WherePlan, schema: TableSchema, binder: Binder): string {
  const kind = schema.columns[w.column];
  const col = quoteIdentifier(w.column);
  // Strict equality: a value of another type than the column's never matches ('1' ≠ 1).
  const values = w.values.filter((v) => fitsKind(v, kind)).map((v) => binder.value(v, kind));
  const member = values.length ? `${col} IN (${values.join(', ')})` : '0';
  const nonNull = `(isNotNull(${col}) AND ${w.negate ? `NOT (${member})` : member})`;
  return w.matchNull ? `(isNull(${col}) OR ${nonNull})` : nonNull;
}

/** The WHERE clause: the plan's conditions, its range and `[from, to)` when given. */
export function filterSql(plan: Plan, schema: TableSchema, binder: Binder, bounds?: [number, number]): string {
  const ts = quoteIdentifier(plan.time);
  const lo = Math.max(plan.range?.start ?? -Infinity, bounds?.[0] ?? -Infinity);
  const hi = Math.min(plan.range?.end ?? Infinity, bounds?.[1] ?? Infinity);
  // Instants are whole milliseconds: ts >= 1.5 is ts >= 2, ts < 1.5 is ts < 2.
  const parts = [
    ...(lo > -Infinity ? [`${ts} >= ${sqlInteger(Math.ceil(lo))}`] : []),
    ...(hi < Infinity ? [`${ts} < ${sqlInteger(Math.ceil(hi))}`] : []),
    ...plan.where.map((w) => whereSql(w, schema, binder)),
  ];
  return parts.length ? parts.join(' AND ') : '1';
}

function measureSql(m: MeasurePlan, schema: TableSchema, ts: string, seq: string): MeasureSql {
  const op = measureOp(m.op);
  if (m.column === null) return { plan: m, exprs: op.sql(null, ts, seq), kind: null, needsNoValues: false };
  const kind = schema.columns[m.column];
  if (op.numeric && !isNumericKind(kind)) return { plan: m, exprs: [], kind, needsNoValues: true };
  return { plan: m, exprs: op.sql(quoteIdentifier(m.column), ts, seq), kind, needsNoValues: false };
}

/**
 * The aggregation query for `plan` over `grid`: one row per non-empty (window, group) cell with
 * columns window index, the group values, then each measure's expressions.
 */
export function compileAggregate(plan: Plan, grid: Float64Array, schema: TableSchema, binder: Binder): CompiledAggregate {
  checkPlanColumns(plan, schema);
  const ts = quoteIdentifier(plan.time);
  const seq = quoteIdentifier(schema.seq, ['seq']);
  // Instants are whole milliseconds, so a boundary b acts as ceil(b) (an origin may be fractional).
  const bounds = Float64Array.from(grid, Math.ceil);
  const n = bounds.length - 1;
  const window = windowIndexSql('__ua_d', bounds);
  const measures = plan.measures.map((m) => measureSql(m, schema, ts, seq));
  const groups = plan.groupBy.map((c, i) => `${quoteIdentifier(c)} AS __ua_g${i}`);
  const select = [
    `${window.index} AS __ua_w`,
    ...groups,
    ...measures.flatMap((m, i) => m.exprs.map((e, j) => `${e} AS __ua_m${i}_${j}`)),
  ];
  const keys = ['__ua_w', ...plan.groupBy.map((_, i) => `__ua_g${i}`)];
  const where = filterSql(plan, schema, binder, [bounds[0], bounds[n]]);
  const sql = [
    `WITH ${[`${ts} - ${sqlInteger(bounds[0])} AS __ua_d`, ...window.with].join(', ')}`,
    `SELECT ${select.join(', ')}`,
    `FROM ${quoteTable(schema.table)}`,
    `WHERE ${where}`,
    `GROUP BY ${keys.join(', ')}`,
    // Grouping by constants only (one window, no groupBy) is aggregation without keys, which
    // returns one row even when no event passes; cells must have events.
    'HAVING count() > 0',
    // The engine orders the rows itself; cells that arrive in that order (nulls last, strings by
    // bytes, which is code point order) make its sort a single pass, which at millions of cells
    // costs less than the server's ORDER BY.
    `ORDER BY ${keys.join(', ')}`,
  ].join('\n');
  return { sql, params: binder.params, measures };
}

/** Smallest and largest instant and the count of events passing the plan's where and range. */
export function compileExtent(
  plan: Plan,
  schema: TableSchema,
  binder: Binder,
): { sql: string; params: Record<string, string | number> } {
  checkPlanColumns(plan, schema);
  const ts = quoteIdentifier(plan.time);
  const sql = `SELECT min(${ts}), max(${ts}), count() FROM ${quoteTable(schema.table)} WHERE ${filterSql(plan, schema, binder)}`;
  return { sql, params: binder.params };
}

/**
 * Events passing the plan's where and range, newest first (ties: the later row first), as
 * `limit` rows from `offset`: the time column, then `columns`.
 */
export function compileRows(
  plan: Plan,
  columns: string[],
  page: { offset: number; limit: number },
  schema: TableSchema,
  binder: Binder,
): { sql: string; params: Record<string, string | number> } {
  checkPlanColumns(plan, schema);
  columns.forEach((c, i) => kindOf(schema, c, ['columns', i]));
  const ts = quoteIdentifier(plan.time);
  const seq = quoteIdentifier(schema.seq, ['seq']);
  const sql =
    `SELECT ${[ts, ...columns.map((c) => quoteIdentifier(c))].join(', ')} FROM ${quoteTable(schema.table)} ` +
    `WHERE ${filterSql(plan, schema, binder)} ORDER BY ${ts} DESC, ${seq} DESC LIMIT ${sqlInteger(page.offset)}, ${sqlInteger(page.limit)}`;
  return { sql, params: binder.params };
}

/** The first event (by input order) with a value in `column`, for the engine's "is not a number" error. */
export function compileFirstValue(column: string, schema: TableSchema): string {
  const col = quoteIdentifier(column);
  const seq = quoteIdentifier(schema.seq, ['seq']);
  return `SELECT ${seq}, ${col} FROM ${quoteTable(schema.table)} WHERE isNotNull(${col}) ORDER BY ${seq} LIMIT 1`;
}
