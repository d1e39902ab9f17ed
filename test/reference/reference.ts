/**
 * A naive, row-at-a-time implementation of the engine's contract (the README's query
 * reference): every row is looked at on its own, its window worked out with Temporal, cells
 * kept in a Map. Slow and plain on purpose, so the property tests can trust it.
 */
import type { ColumnTable } from 'arquero';
import { QueryError } from '../../src/errors.ts';
import { planQuery } from '../../src/engine/plan.ts';
import { toEpochMs } from '../../src/time.ts';
import type { CalendarUnit, EventRecords, Query } from '../../src/engine/types.ts';
import { compareGroupValues, isNull, matchesWhere, measure, normalise, type CellRow } from './values.ts';
import { windowOf, windowsCovering, type RefWindow, type Span } from './windows.ts';

export type RefRow = Record<string, unknown>;

const CALENDAR = ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'];
const DURATION_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const NUMERIC_OPS = new Set(['sum', 'min', 'max', 'avg']);

function fixedStep(window: Query['window']): number {
  if (typeof window === 'string') {
    const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(window)!;
    return Number(amount) * DURATION_MS[unit];
  }
  const d = window;
  return (
    (d.days ?? 0) * 86_400_000 +
    (d.hours ?? 0) * 3_600_000 +
    (d.minutes ?? 0) * 60_000 +
    (d.seconds ?? 0) * 1_000 +
    (d.milliseconds ?? 0)
  );
}

function show(v: unknown): string {
  return v === undefined ? 'undefined' : v instanceof Date ? `Date(${v.getTime()})` : JSON.stringify(v);
}

function toRows(events: ColumnTable | EventRecords): { rows: RefRow[]; columns: Set<string> } {
  if (Array.isArray(events)) {
    const rows = events as RefRow[];
    return { rows, columns: new Set(rows.flatMap((r) => Object.keys(r))) };
  }
  const table = events as ColumnTable;
  return { rows: table.objects() as RefRow[], columns: new Set(table.columnNames()) };
}

/** Every column the query names must exist — with `missingColumns: 'null'`, only the time column (the others read as null). */
function checkColumns(query: Query, columns: Set<string>): void {
  const need: [string, string][] = [['time', query.time]];
  if (query.missingColumns === 'null') {
    if (!columns.has(query.time)) throw new QueryError(`unknown column '${query.time}'`, 'time');
    return;
  }
  (query.groupBy ?? []).forEach((g, i) => need.push([`groupBy.${i}`, g]));
  for (const c of Object.keys(query.where ?? {})) need.push([`where.${c}`, c]);
  for (const [name, m] of Object.entries(query.measures)) if (m.column) need.push([`measures.${name}.column`, m.column]);
  for (const [path, column] of need) {
    if (!columns.has(column)) throw new QueryError(`unknown column '${column}'`, path);
  }
}

/** Runs `query` over `events` (records or an arquero table) and returns the output rows. */
export function referenceAggregate(events: ColumnTable | EventRecords, query: Query): RefRow[] {
  planQuery(query); // the same validation, so bad queries fail the same way
  const { rows, columns } = toRows(events);
  if (rows.length > 0) checkColumns(query, columns);
  const range = query.range ? { start: toEpochMs(query.range.start)!, end: toEpochMs(query.range.end)! } : null;
  const measures = Object.entries(query.measures);
  const groupBy = query.groupBy ?? [];

  // Every row is checked, whether or not it is in the range.
  const kept: CellRow[] = [];
  rows.forEach((row, index) => {
    const t = toEpochMs(row[query.time]);
    if (t === null) {
      throw new QueryError(`${show(row[query.time])} is not an instant`, `events[${index}].${query.time}`);
    }
    for (const [name, m] of measures) {
      if (!m.column) continue;
      const v = row[m.column];
      if (NUMERIC_OPS.has(m.op) && !isNull(v) && typeof v !== 'number') {
        throw new QueryError(`${show(v)} is not a number (measure '${name}')`, `events[${index}].${m.column}`);
      }
    }
    if (range && (t < range.start || t >= range.end)) return;
    if (!Object.entries(query.where ?? {}).every(([c, cond]) => matchesWhere(row[c], cond))) return;
    kept.push({ row, t, index });
  });

  let window: RefWindow;
  const w = query.window;
  if (w === 'none') {
    if (range) window = { kind: 'span', start: range.start, end: range.end };
    else if (kept.length === 0) return [];
    else window = { kind: 'span', start: Math.min(...kept.map((r) => r.t)), end: Math.max(...kept.map((r) => r.t)) + 1 };
  } else if (typeof w === 'string' && CALENDAR.includes(w)) {
    window = { kind: 'calendar', unit: w as CalendarUnit, timeZone: query.timeZone ?? 'UTC' };
  } else {
    window = { kind: 'fixed', step: fixedStep(w), origin: query.origin === undefined ? 0 : toEpochMs(query.origin)! };
  }

  // Cells keyed by window start and group values; JSON keeps '1' and 1 apart.
  const cells = new Map<string, { span: Span; groups: unknown[]; rows: CellRow[] }>();
  const cellFor = (span: Span, groups: unknown[]) => {
    const key = JSON.stringify([span.start, ...groups]);
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { span, groups, rows: [] }));
    return cell;
  };
  const groupsSeen = new Map<string, unknown[]>();
  for (const r of kept) {
    const groups = groupBy.map((g) => normalise(r.row[g]));
    groupsSeen.set(JSON.stringify(groups), groups);
    cellFor(windowOf(window, r.t), groups).rows.push(r);
  }
  if (query.fill === 'zero' && range) {
    const tuples = groupBy.length === 0 ? [[]] : [...groupsSeen.values()];
    for (const span of windowsCovering(window, range.start, range.end - 1)) {
      for (const groups of tuples) cellFor(span, groups);
    }
  }

  const sorted = [...cells.values()].sort((a, b) => {
    if (a.span.start !== b.span.start) return a.span.start - b.span.start;
    for (let i = 0; i < groupBy.length; i++) {
      const c = compareGroupValues(a.groups[i], b.groups[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
  return sorted.map((cell) => {
    const out: RefRow = { window_start: cell.span.start, window_end: cell.span.end };
    groupBy.forEach((g, i) => (out[g] = cell.groups[i]));
    for (const [name, m] of measures) out[name] = measure(m.op, m.column, cell.rows);
    return out;
  });
}
