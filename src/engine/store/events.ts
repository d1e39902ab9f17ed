/**
 * The events handle `engine.load` resolves to: the engine's own store of events, which every
 * query reads without encoding anything again.
 *
 * An events object is a list of immutable parts (./part.ts) plus the dictionaries its
 * dimension columns are coded with. Today `load` builds one part; appends will add parts (each
 * an arrival-numbered run of rows) and a background merge will keep their number small, so a
 * query reads parts in (time, arrival) order and its result does not depend on how the rows
 * were split. Arquero is the interchange format, not the storage: `toArquero()` builds a table
 * when asked.
 */
import { table, type ColumnTable } from 'arquero';
import { QueryError } from '../../errors.ts';
import type { Encoded } from '../table.ts';
import type { Part, PartColumn } from './part.ts';
import { encodedView } from './view.ts';

const LOADED = Symbol.for('usage-aggregator.loaded-events');

/** What a load read: rows kept, rows skipped as malformed, bytes read (files and streams), seconds taken. */
export interface LoadSummary {
  rows: number;
  skipped: number;
  bytes: number;
  seconds: number;
}

/** True for an events object made by `engine.load`. */
export function isLoadedEvents(value: unknown): value is LoadedEvents {
  return typeof value === 'object' && value !== null && (value as { [LOADED]?: unknown })[LOADED] === true;
}

/**
 * Events loaded into the engine's store. Pass it to `engine.aggregate`, any façade, or
 * `createFetchHandler` wherever events go; it is read-only and safe to share between them.
 *
 * @example
 * const events = await engine.load([{ ts: '2026-03-08T06:30:00Z', app: 'adme', quantity: 3 }], { time: 'ts' });
 * events.numRows(); // 1
 * await engine.aggregate(events, { time: 'ts', window: 'day', measures: { q: { op: 'sum', column: 'quantity' } } });
 */
export class LoadedEvents {
  readonly [LOADED] = true;
  /** The column of instants the events are ordered by. */
  readonly timeColumn: string;
  /** What the load read. */
  readonly summary: LoadSummary;
  readonly #parts: Part[];
  readonly #names: string[];
  #view: Encoded | null = null;
  #table: ColumnTable | null = null;

  /** @internal Made by `engine.load`. */
  constructor(parts: Part[], timeColumn: string, names: string[], summary: LoadSummary) {
    if (parts.length !== 1) throw new Error('an events object holds exactly one part for now');
    this.#parts = parts;
    this.timeColumn = timeColumn;
    this.#names = names;
    this.summary = summary;
  }

  /** Number of events. */
  numRows(): number {
    return this.#parts.reduce((n, p) => n + p.n, 0);
  }

  /** Column names, the time column included, in the order the input had them. */
  columnNames(): string[] {
    return [...this.#names];
  }

  /**
   * One column's values in time order (ties in arrival order): the time column as epoch ms,
   * null where an event has no value.
   */
  values(name: string): unknown[] {
    const part = this.#parts[0];
    if (name === this.timeColumn) return Array.from(part.time);
    const col = part.columns.get(name);
    if (!col) throw new QueryError([{ path: ['column'], message: `unknown column '${name}'` }]);
    return decode(col);
  }

  /**
   * The events as an arquero table, in time order (the time column as epoch ms), built on the
   * first call and kept.
   * @example events.toArquero().groupby('app').count().objects()
   */
  toArquero(): ColumnTable {
    if (!this.#table) {
      const part = this.#parts[0];
      this.#table = table(Object.fromEntries(this.#names.map((name) =>
        [name, name === this.timeColumn ? part.time : decode(part.columns.get(name)!)])), this.#names);
    }
    return this.#table;
  }

  /** @internal The encoded view queries read, for the time column the events were loaded with. */
  encoded(timeColumn: string): Encoded {
    if (timeColumn !== this.timeColumn) {
      throw new QueryError([{ path: ['time'], message: `the events were loaded with time column '${this.timeColumn}', not '${timeColumn}'` }]);
    }
    const part = this.#parts[0];
    const columns = part.columns;
    const timeColumnValues: PartColumn = { kind: 'number', values: part.time };
    // No events have every column (all null), as an empty array of records does.
    const none: PartColumn = { kind: 'dict', codes: new Int32Array(0), dict: [], nonNumeric: null };
    this.#view ??= encodedView({
      n: part.n,
      time: part.time,
      has: (c) => part.n === 0 || c === this.timeColumn || columns.has(c),
      column: (c) => (c === this.timeColumn ? timeColumnValues : columns.get(c) ?? none),
    });
    return this.#view;
  }

  /** @internal Sizes of the store's arrays, in bytes: what the events hold resident. */
  storeBytes(): number {
    let bytes = 0;
    for (const part of this.#parts) {
      bytes += part.time.byteLength;
      for (const col of part.columns.values()) bytes += col.kind === 'number' ? col.values.byteLength : col.codes.byteLength;
    }
    return bytes;
  }
}

function decode(col: PartColumn): unknown[] {
  const n = col.kind === 'number' ? col.values.length : col.codes.length;
  const out = new Array<unknown>(n);
  if (col.kind === 'number') {
    const v = col.values;
    for (let i = 0; i < n; i++) out[i] = v[i] === v[i] ? v[i] : null;
  } else {
    const byCode = [...col.dict, null];
    const codes = col.codes;
    for (let i = 0; i < n; i++) out[i] = byCode[codes[i]];
  }
  return out;
}
