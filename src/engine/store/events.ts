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
 *
 * A file or stream is loaded in arrival order and sorted by time only when something first needs
 * time order: an append, a merge, `values`, `toArquero`, or a second query. The first query may
 * instead read the rows as they came, in one pass (../execute-arrival.ts), which is how a one-off
 * recompute never pays for the sort.
 */
import { table, type ColumnTable } from 'arquero';
import { QueryError } from '../../errors.ts';
import type { Encoded } from '../table.ts';
import { codePart, commitPart, type ColumnSpec } from './append.ts';
import { EventsDict } from './dicts.ts';
import { mergeParts, partsToMerge } from './merge.ts';
import { partsView } from './parts-view.ts';
import type { Batch, LoadInput, LoadOptions } from './load.ts';
import { movableBuffers } from './chunk.ts';
import { sortParts } from './arrival.ts';
import type { Part } from './part.ts';
import type { ChunkStats } from './stats.ts';
import { columnInOrder, partColumnValues } from './read-back.ts';

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
  /** Overrides the load's `skipInvalid` for this input (the ingest endpoint rejects a batch with a bad row whole). */
  skipInvalid?: boolean;
}

/** True for an events object made by `engine.load`. */
export function isLoadedEvents(value: unknown): value is LoadedEvents {
  return typeof value === 'object' && value !== null && (value as { [LOADED]?: unknown })[LOADED] === true;
}

/** Parts merged inline (before an append resolves) past this many; below it merges wait for an idle moment. */
const MAX_PARTS = 24;

/**
 * Events loaded into the engine's store. Pass it to `engine.aggregate`, any façade, or
 * `createFetchHandler` wherever events go; it is safe to share between them. `append` adds
 * events while it is being queried: a query sees the events as they were when it started.
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
  readonly #schema = new Map<string, ColumnSpec>();
  #version = 0;
  #rows: number;
  #view: Encoded | null = null;
  #table: ColumnTable | null = null;
  #merging = false;
  readonly #read: BatchReader | null;
  #appending: Promise<unknown> = Promise.resolve();
  /** The parts are still in arrival order (a file or stream just loaded); `#arrivalRead`: a query has read them so. */
  #arrival: boolean;
  #arrivalRead = false;
  /** Set by `release`: the rows are gone. */
  #released = false;
  /** Hands arrays to a worker thread to be freed there (the engine's, when its threads run). */
  readonly #discard: ((buffers: ArrayBuffer[]) => void) | null;
  /** @internal Whether appends merge parts (tests turn it off to read many parts). */
  merges = true;
  /**
   * @internal Made by `engine.load`; `read` reads what `append` is given, `discard` frees arrays
   * off this thread (see `release`).
   */
  constructor(
    batch: Batch,
    timeColumn: string,
    read: BatchReader | null,
    discard: ((buffers: ArrayBuffer[]) => void) | null = null,
  ) {
    this.#parts = batch.parts;
    this.#discard = discard;
    this.timeColumn = timeColumn;
    this.#names = batch.names;
    this.summary = batch.summary;
    this.#read = read;
    this.#rows = batch.parts.reduce((s, p) => s + p.n, 0);
    this.#arrival = batch.arrival === true;
    // The loaded part's dictionaries (values ascending, null last) start the events' own.
    for (const part of batch.parts) {
      for (const [name, col] of part.columns) {
        if (this.#schema.has(name)) continue;
        this.#schema.set(name, col.kind === 'number' ? { kind: 'number' } : { kind: 'dict', dict: new EventsDict(col.dict) });
      }
    }
  }

  /** The parts, each in time order: sorts the loaded rows first if they are still in arrival order. */
  #sortedParts(): Part[] {
    this.#live();
    if (this.#arrival) {
      this.#parts = [sortParts(this.#parts)];
      this.#arrival = false;
      this.#view = null;
    }
    return this.#parts;
  }

  /**
   * @internal The loaded rows in arrival order, for the first query only (null after that, after
   * anything sorted them, or for another time column): a view over the parts as they came, and
   * each part's summary where its chunk had one.
   */
  arrivalView(timeColumn: string): { view: Encoded; stats: (ChunkStats | undefined)[] } | null {
    this.#live();
    if (!this.#arrival || this.#arrivalRead || timeColumn !== this.timeColumn) return null;
    this.#arrivalRead = true;
    return { view: partsView(this.#parts, this.timeColumn, this.#schema), stats: this.#parts.map((p) => p.stats) };
  }

  /** Number of events. */
  numRows(): number {
    return this.#rows;
  }

  /** Column names, the time column included, in the order the input had them (columns appends brought, after). */
  columnNames(): string[] {
    return [...this.#names];
  }

  /**
   * A number that changes whenever the events do (an append), so a cache of answers can be keyed
   * on it. Merges leave it as it is: they change how events are stored, not what they are.
   */
  get version(): number {
    return this.#version;
  }

  /**
   * Adds events: records, an arquero table, a path or a stream, read with the options the events
   * were loaded with (`format`, `name` and `onProgress` may be given for this input). Appends run
   * in the order they are called, each arriving after the ones before; ties in time keep that
   * arrival order, and with `dedupBy` a key already present drops the new event (counted in
   * `duplicates`). A query that starts after the returned promise resolves sees the new events;
   * one already running sees the events as they were when it started. A batch with an error
   * appends nothing.
   *
   * The cost follows the batch, not the events already there: the batch is encoded and sorted
   * on its own into a new part, coded with the events' dictionaries (which only grow); queries
   * read the parts in (time, arrival) order, and small parts are merged as they accumulate.
   *
   * @example
   * const events = await engine.load([{ ts: '2026-03-08T06:30:00Z', id: 'e1', quantity: 3 }], { dedupBy: ['id'] });
   * await events.append([{ ts: '2026-03-08T07:00:00Z', id: 'e2', quantity: 2 }, { ts: '2026-03-08T07:00:00Z', id: 'e1', quantity: 3 }]);
   * // → { appended: 1, duplicates: 1, skipped: 0 }
   */
  append(input: LoadInput, options: AppendOptions = {}): Promise<AppendResult> {
    const read = this.#read;
    if (!read)
      return Promise.reject(
        new QueryError([{ path: ['events'], message: 'these events were not made by engine.load and cannot be appended to' }]),
      );
    const run = this.#appending.then(async () => {
      this.#live();
      const batch = await read(input, this.#rows, options);
      // From here to the commit nothing awaits: a query sees the whole batch or none of it.
      // Appends read in time order: their batch is one part.
      const [part] = batch.parts;
      this.#commit(codePart(part, this.#schema, this.#sortedParts()), batch.names);
      return { appended: part.n, duplicates: batch.summary.duplicates, skipped: batch.summary.skipped };
    });
    this.#appending = run.catch(() => {});
    return run;
  }

  /** Adds a coded part (synchronously: a query sees all of it or none of it). */
  #commit(prepared: ReturnType<typeof codePart>, names: string[]): void {
    commitPart(prepared, this.#schema);
    if (prepared.parts) {
      this.#parts = prepared.parts;
      this.#version++;
      this.#view = null;
      this.#table = null;
    }
    for (const name of names) if (!this.#names.includes(name)) this.#names.push(name);
    if (prepared.part.n > 0) {
      this.#parts = [...this.#parts, prepared.part];
      this.#rows += prepared.part.n;
      this.#version++;
      this.#view = null;
      this.#table = null;
    }
    // Small merges are cheap and keep the part count low at once; bigger ones wait for an idle moment.
    this.#merge(65_536);
    if (this.#parts.length > MAX_PARTS) this.#merge(Infinity);
    if (this.merges && partsToMerge(this.#parts) && !this.#merging) {
      this.#merging = true;
      setTimeout(() => {
        this.#merging = false;
        this.#merge(Infinity);
      }, 0);
    }
  }

  /** Merges the newest parts while the policy asks and the merged part stays within `limit` rows. */
  #merge(limit: number): void {
    this.#sortedParts();
    while (this.merges) {
      const k = partsToMerge(this.#parts);
      if (k < 2) return;
      const newest = this.#parts.slice(-k);
      if (newest.reduce((s, p) => s + p.n, 0) > limit) return;
      const merged = mergeParts(newest, this.#schema);
      this.#parts = [...this.#parts.slice(0, -k), merged];
      this.#view = null;
    }
  }

  /** @internal How many parts the events are stored in (merges keep it near log2 of the appends). */
  partCount(): number {
    return this.#sortedParts().length;
  }

  /**
   * One column's values in time order (ties in arrival order): the time column as epoch ms,
   * null where an event has no value.
   */
  values(name: string): unknown[] {
    if (name !== this.timeColumn && !this.#schema.has(name)) {
      throw new QueryError([{ path: ['column'], message: `unknown column '${name}'` }]);
    }
    return this.#merged(name);
  }

  /** A column in (time, arrival) order over every part. */
  #merged(name: string): unknown[] {
    return columnInOrder(this.#sortedParts(), name, this.timeColumn, this.#schema.get(name), this.#rows);
  }

  /**
   * The events as an arquero table, in time order (the time column as epoch ms), built on the
   * first call after a change and kept.
   * @example events.toArquero().groupby('app').count().objects()
   */
  toArquero(): ColumnTable {
    if (!this.#table) {
      const parts = this.#sortedParts();
      // One part as loaded: each column decoded straight from its part, with no merge to read through.
      const columns =
        parts.length === 1 && this.#version === 0
          ? this.#names.map((name) => [name, partColumnValues(parts[0], name, this.timeColumn)])
          : this.#names.map((name) => [name, this.#merged(name)]);
      this.#table = table(Object.fromEntries(columns), this.#names);
    }
    return this.#table;
  }

  /** @internal The encoded view queries read, for the time column the events were loaded with: a snapshot of the parts. */
  encoded(timeColumn: string): Encoded {
    if (timeColumn !== this.timeColumn) {
      throw new QueryError([
        { path: ['time'], message: `the events were loaded with time column '${this.timeColumn}', not '${timeColumn}'` },
      ]);
    }
    this.#view ??= partsView(this.#sortedParts(), this.timeColumn, this.#schema);
    return this.#view;
  }

  /**
   * @internal Whether any event has a value (not null) in the column: a column declared for a
   * file that the file never filled has none (the CLI tells such columns from the file's own).
   */
  hasValues(name: string): boolean {
    this.#live();
    if (name === this.timeColumn) return this.#rows > 0;
    for (const part of this.#parts) {
      const col = part.columns.get(name);
      if (!col) continue;
      if (col.kind === 'number') {
        const v = col.values;
        for (let i = 0; i < v.length; i++) if (v[i] === v[i]) return true;
      } else {
        // Codes are read as values() reads them; a dictionary may hold an entry no row uses.
        const codes = col.codes,
          nullCode = this.#nullCode(name, col.dict.length);
        for (let i = 0; i < codes.length; i++) if (codes[i] !== nullCode) return true;
      }
    }
    return false;
  }

  #nullCode(name: string, partDict: number): number {
    const spec = this.#schema.get(name);
    return spec?.kind === 'dict' ? spec.dict.nullCode : partDict;
  }

  /**
   * Frees the memory the events hold. Their rows cannot be read afterwards: queries, appends,
   * `values()` and `toArquero()` throw, while `numRows()`, `columnNames()` and `summary` still
   * describe what was loaded. Call it once no query or append on these events is running (it
   * waits for appends already called).
   *
   * Events loaded from a file or stream and not yet sorted (the ones that answered at most one
   * query) hold arrays the load made for them alone; when the engine's worker threads are running,
   * those are handed to one of them (moved, not copied) and freed there. A command that answers
   * one query and ends releases its events before writing the output: the 5M-row benchmark file's
   * 120 MB, freed at the process's exit, made it about 8 ms longer on this thread.
   *
   * @example
   * const rows = (await engine.aggregate(events, query)).objects();
   * await events.release();
   * await engine.aggregate(events, query); // throws: the events were released
   */
  async release(): Promise<void> {
    await this.#appending;
    if (this.#released) return;
    this.#released = true;
    const owned = this.#arrival;
    const buffers = new Set<ArrayBuffer>();
    for (const part of this.#parts) movableBuffers(part, buffers);
    this.#parts = [];
    this.#view = null;
    this.#table = null;
    if (owned && buffers.size > 0) this.#discard?.([...buffers]);
  }

  #live(): void {
    if (this.#released) {
      throw new QueryError([{ path: ['events'], message: 'these events were released; load them again to read them' }]);
    }
  }

  /** @internal Sizes of the store's arrays, in bytes: what the events hold resident. */
  storeBytes(): number {
    this.#live();
    let bytes = 0;
    for (const part of this.#parts) {
      bytes += part.time.byteLength;
      for (const col of part.columns.values()) bytes += col.kind === 'number' ? col.values.byteLength : col.codes.byteLength;
    }
    return bytes;
  }
}
