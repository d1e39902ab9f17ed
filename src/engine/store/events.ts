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
import type { Batch, LoadInput, LoadOptions } from './load.ts';
import { mergeParts } from './merge.ts';
import type { Part, PartColumn } from './part.ts';
import { encodedView } from './view.ts';

const LOADED = Symbol.for('usage-aggregator.loaded-events');

/**
 * What a load read: rows kept, rows skipped as malformed, duplicates dropped (`dedupBy`), bytes
 * read (files and streams), seconds taken.
 */
export interface LoadSummary {
  rows: number;
  skipped: number;
  duplicates: number;
  bytes: number;
  seconds: number;
}

/** What `events.append` resolves to. */
export interface AppendResult {
  /** Events added. */
  appended: number;
  /** Events dropped because their key was already there (`dedupBy`). */
  duplicates: number;
  /** Malformed rows skipped (`skipInvalid`). */
  skipped: number;
}

/** Reads one more input into a batch whose arrival numbers start at `firstSeq`. */
export type BatchReader = (input: LoadInput, firstSeq: number, options: AppendOptions) => Promise<Batch>;

/** Options an append may set for its own input (the rest are the load's). */
export interface AppendOptions {
  format?: LoadOptions['format'];
  name?: string;
  onProgress?: LoadOptions['onProgress'];
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
  #parts: Part[];
  readonly #names: string[];
  readonly #read: BatchReader | null;
  #view: Encoded | null = null;
  #table: ColumnTable | null = null;
  #appending: Promise<unknown> = Promise.resolve();

  /** @internal Made by `engine.load`; `read` reads what `append` is given. */
  constructor(batch: Batch, timeColumn: string, read: BatchReader | null) {
    this.#parts = [batch.part];
    this.timeColumn = timeColumn;
    this.#names = batch.names;
    this.summary = batch.summary;
    this.#read = read;
  }

  /** Number of events. */
  numRows(): number {
    return this.#parts.reduce((n, p) => n + p.n, 0);
  }

  /**
   * Adds events: records, an arquero table, a path or a stream, read with the options the events
   * were loaded with (`format`, `name` and `onProgress` may be given for this input). Appends run
   * in the order they are called, each arriving after the ones before; ties in time keep that
   * arrival order, and with `dedupBy` a key already present drops the new event. A query that
   * starts after the returned promise resolves sees the new events; one already running sees
   * the events as they were when it started.
   *
   * Reading the batch costs what the batch costs: it is encoded and sorted on its own as a new
   * part. The next query merges the parts into one (a linear merge by time: no re-sort, no
   * re-encoding of values), so its results are exactly those of loading every event at once.
   *
   * @example
   * const events = await engine.load(records, { dedupBy: ['event_id'] });
   * const { appended, duplicates } = await events.append(moreRecords);
   */
  append(input: LoadInput, options: AppendOptions = {}): Promise<AppendResult> {
    const read = this.#read;
    if (!read) return Promise.reject(new QueryError([{ path: ['events'], message: 'these events were not made by engine.load and cannot be appended to' }]));
    const run = this.#appending.then(async () => {
      const batch = await read(input, this.numRows(), options);
      this.#parts.push(batch.part);
      for (const name of batch.names) if (!this.#names.includes(name)) this.#names.push(name);
      return { appended: batch.part.n, duplicates: batch.summary.duplicates, skipped: batch.summary.skipped };
    });
    this.#appending = run.catch(() => {});
    return run;
  }

  /** The one part queries read: pending appends merged in first (and the cached views dropped). */
  #part(): Part {
    if (this.#parts.length > 1) {
      // The appended parts first, pairwise (adjacent arrivals, so order is kept): each level costs
      // what the new events cost, and the big part is merged into just once.
      let pending = this.#parts.slice(1);
      while (pending.length > 1) {
        const next: Part[] = [];
        for (let i = 0; i < pending.length; i += 2) next.push(i + 1 < pending.length ? mergeParts(pending[i], pending[i + 1]) : pending[i]);
        pending = next;
      }
      this.#parts = [mergeParts(this.#parts[0], pending[0])];
      this.#view = null;
      this.#table = null;
    }
    return this.#parts[0];
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
    const part = this.#part();
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
    const part = this.#part();
    if (!this.#table) {
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
    const part = this.#part();
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
    for (const part of [this.#part()]) {
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
