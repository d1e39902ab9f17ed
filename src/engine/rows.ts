/**
 * Events read row by row, for what lists events rather than aggregating them (Scenario's
 * activity feed). Columns come from the same sources the encoder reads (store/memory.ts for
 * records and arquero tables, the parts for loaded events), so which columns exist, how a
 * filtered or Arrow-backed table is read and what a record without a key holds are decided in
 * one place. Rows are in the events' own order (loaded events: time order); a column the events
 * do not have reads as undefined in every row.
 */
import type { ColumnTable } from 'arquero';
import { readValue } from './store/columns.ts';
import { isLoadedEvents, type LoadedEvents } from './store/events.ts';
import { memoryColumns } from './store/memory.ts';
import type { EventRecords } from './types.ts';

/** One column's value at a row position. */
export type RowReader = (row: number) => unknown;

export interface EventRows {
  /** Number of rows. */
  n: number;
  /** Does the events have the column (records: does any record have the key)? */
  has(column: string): boolean;
  /** The column's reader, made once per column; records are read in place, a row at a time. */
  column(column: string): RowReader;
}

const absent: RowReader = () => undefined;

/**
 * Row access by column over in-process events.
 *
 * @example
 * const rows = eventRows([{ ts: 1, user: 'u1' }, { ts: 2 }]);
 * rows.column('user')(1); // undefined
 */
export function eventRows(events: ColumnTable | EventRecords | LoadedEvents): EventRows {
  const cache = new Map<string, RowReader>();
  const cached = (column: string, make: () => RowReader): RowReader => {
    let read = cache.get(column);
    if (!read) cache.set(column, (read = make()));
    return read;
  };
  if (isLoadedEvents(events)) {
    const names = new Set(events.columnNames());
    return {
      n: events.numRows(),
      has: (c) => names.has(c),
      // Each column is decoded once, when first read.
      column: (c) =>
        cached(c, () => {
          if (!names.has(c)) return absent;
          const values = events.values(c);
          return (i) => values[i];
        }),
    };
  }
  const raw = memoryColumns(events);
  return {
    n: raw.n,
    has: (c) => raw.has(c),
    column: (c) =>
      cached(c, () => {
        if (!raw.has(c)) return absent;
        const source = raw.source(c);
        if ('records' in source) return (i) => readValue(source, i);
        // A table's values are resolved once (an Arrow column converts when they are asked for).
        const values = source.values;
        return (i) => values[i];
      }),
  };
}
