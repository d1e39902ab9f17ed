/**
 * Events already in memory — an array of records or an arquero table — read column by column.
 * Used two ways: `engine.load` turns them into a part at once, and a query over the records or
 * table themselves encodes only the columns it needs, the first time it needs them (cached per
 * events object, see ../table.ts).
 */
import { table as aqTable, type ColumnTable } from 'arquero';
import { QueryError } from '../../errors.ts';
import type { Encoded } from '../table.ts';
import type { EventRecords } from '../types.ts';
import { sortTimes } from '../sort.ts';
import { asArrowDictionary } from './arrow.ts';
import type { ChunkColumn } from './chunk.ts';
import { encodeColumn, encodeTimes, type ValueSource } from './columns.ts';
import { encodeRecordColumns, encodeRecordTimes } from './records.ts';
import { placeColumn, type PartColumn } from './part.ts';
import { encodedView } from './view.ts';

export interface MemoryColumns {
  n: number;
  has(column: string): boolean;
  source(column: string): ValueSource;
  /** Every column, in the order first seen. */
  names(): string[];
}

export function isColumnTable(events: unknown): events is ColumnTable {
  return (
    typeof events === 'object' &&
    events !== null &&
    typeof (events as ColumnTable).columnNames === 'function' &&
    typeof (events as ColumnTable).array === 'function'
  );
}

/**
 * A column's values in row order. `table.array()` copies through a per-row callback into a plain
 * Array (seconds at 10M rows), so an unfiltered table's backing array is read directly, and an
 * Arrow-backed column is converted once with its own `toArray()`.
 */
function tableColumn(t: ColumnTable, name: string): ArrayLike<unknown> {
  const col = t.column(name) as unknown as { toArray?: () => ArrayLike<unknown> } | ArrayLike<unknown>;
  if (!t.isFiltered() && !t.isOrdered()) {
    if (Array.isArray(col) || ArrayBuffer.isView(col)) return col as ArrayLike<unknown>;
    if (typeof (col as { toArray?: unknown }).toArray === 'function') {
      const arr = (col as { toArray: () => ArrayLike<unknown> }).toArray();
      if (arr.length === t.numRows()) return arr;
    }
  }
  return t.array(name) as ArrayLike<unknown>;
}

/**
 * Every key of the records, in first-seen order. Records of one shape list their keys in the
 * same order, so each record's keys are compared with the previous record's and only a record
 * of another shape is looked at key by key.
 */
export function recordKeys(records: EventRecords): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  let prev: string[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r === null || typeof r !== 'object') continue;
    let j = 0,
      same = true;
    for (const k in r) {
      if (same && k === prev[j]) {
        j++;
        continue;
      }
      same = false;
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
    if (!same || j !== prev.length) {
      prev = [];
      for (const k in r) prev.push(k);
    }
  }
  return keys;
}

export function memoryColumns(events: ColumnTable | EventRecords): MemoryColumns {
  if (isColumnTable(events)) {
    const names = events.columnNames();
    const set = new Set(names);
    const source = (c: string): ValueSource => {
      const arrow = events.isFiltered() || events.isOrdered() ? null : asArrowDictionary(events.column(c));
      // The keys are read directly; the values only if a caller asks for them (the time column).
      if (arrow)
        return {
          arrow,
          name: c,
          get values() {
            return tableColumn(events, c);
          },
        };
      return { values: tableColumn(events, c) };
    };
    return { n: events.numRows(), has: (c) => set.has(c), source, names: () => names };
  }
  if (!Array.isArray(events)) throw new QueryError('must be an arquero table, an array of records, or an event source', 'events');
  const records = events as EventRecords;
  return {
    n: records.length,
    has: (c) => records.length === 0 || records.some((r) => r !== null && typeof r === 'object' && c in r),
    source: (key) => ({ records, key }),
    names: () => recordKeys(records),
  };
}

/**
 * The lazily encoded view of records or a table: the time column is parsed and sorted when the
 * view is made, every other column when a query first reads it.
 */
export function lazyEncoded(raw: MemoryColumns, timeColumn: string): Encoded {
  const times = encodeTimes(raw.source(timeColumn), raw.n, timeColumn);
  const { time, inv } = sortTimes(times, true);
  const cache = new Map<string, PartColumn>();
  return encodedView({
    n: raw.n,
    time,
    has: (c) => raw.has(c),
    column(c, asDict) {
      const key = `${asDict ? 'd' : 'n'}${c}`;
      let col = cache.get(key);
      if (!col) cache.set(key, (col = placeColumn(encodeColumn(raw.source(c), raw.n), raw.n, inv, asDict)));
      return col;
    },
  });
}

/** Records or a table with their time column encoded; the other columns are encoded on request. */
export interface MemoryTimes {
  /** Rows kept (the input's rows less `skipped`). */
  n: number;
  /** The time column of the kept rows, in input order, in shared memory. */
  times: Float64Array;
  /** Column names, the time column included, in input order (from every row, skipped ones too). */
  names: string[];
  skipped: number;
  /** Every other column of the kept rows, in input order. */
  columns(): Map<string, ChunkColumn>;
}

/**
 * The first step of loading events in memory: the time column and the column names, so the
 * times can be sorted (on a worker) while `columns()` encodes the rest. Records are read in two
 * passes (./records.ts); a table column by column.
 */
export function encodeMemoryTimes(
  events: EventRecords | ColumnTable,
  time: string,
  options: { columns?: Record<string, unknown>; skipInvalid?: boolean },
  rowBase: number,
): MemoryTimes {
  const keep = (all: string[]) => {
    const names = options.columns ? all.filter((c) => c === time || c in options.columns!) : [...all];
    if (!names.includes(time)) names.unshift(time);
    return names;
  };
  const bad: number[] = [];
  if (Array.isArray(events)) {
    const records = events as EventRecords;
    let read: { times: Float64Array; keys: string[] };
    try {
      read = encodeRecordTimes(records, time, rowBase, options.skipInvalid ? bad : undefined);
    } catch (e) {
      checkTimeColumn(recordKeys(records), time, records.length);
      throw e;
    }
    checkTimeColumn(read.keys, time, records.length);
    const names = keep(read.keys);
    const kept = bad.length > 0 ? (withoutRows(records, bad) as EventRecords) : records;
    const times = bad.length > 0 ? encodeRecordTimes(kept, time).times : read.times;
    const others = names.filter((c) => c !== time);
    return { n: kept.length, times, names, skipped: bad.length, columns: () => encodeRecordColumns(kept, others) };
  }
  let raw = memoryColumns(events);
  checkTimeColumn(raw.names(), time, raw.n);
  const names = keep(raw.names());
  let times = encodeTimes(raw.source(time), raw.n, time, rowBase, options.skipInvalid ? bad : undefined);
  if (bad.length > 0) {
    raw = memoryColumns(withoutRows(events, bad));
    times = encodeTimes(raw.source(time), raw.n, time);
  }
  const cols = raw;
  return {
    n: cols.n,
    times,
    names,
    skipped: bad.length,
    columns: () => new Map(names.filter((c) => c !== time).map((c) => [c, encodeColumn(cols.source(c), cols.n)])),
  };
}

function checkTimeColumn(all: string[], time: string, n: number): void {
  if (!all.includes(time) && n > 0) throw new QueryError([{ path: ['time'], message: `unknown column '${time}'` }]);
}

function withoutRows(events: EventRecords | ColumnTable, rows: number[]): EventRecords | ColumnTable {
  const drop = new Set(rows);
  if (!isColumnTable(events)) return (events as EventRecords).filter((_, i) => !drop.has(i));
  const raw = memoryColumns(events);
  return aqTable(
    Object.fromEntries(
      events.columnNames().map((c) => {
        const src = raw.source(c);
        const values = 'values' in src ? src.values : [];
        const out: unknown[] = [];
        for (let i = 0; i < raw.n; i++) if (!drop.has(i)) out.push(values[i]);
        return [c, out];
      }),
    ),
    events.columnNames(),
  );
}
