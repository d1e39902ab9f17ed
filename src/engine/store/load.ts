/**
 * `engine.load`: any way events come in → a {@link LoadedEvents}. Records and arquero tables
 * are encoded here, column by column; files and byte streams go through the scanners in
 * `src/io/` (loaded on first use, so an engine that only ever sees records never loads them),
 * which hand over column chunks in file order.
 */
import type { ColumnTable } from 'arquero';
import { z } from 'zod';
import { QueryError } from '../../errors.ts';
import type { EventRecords } from '../types.ts';
import type { ColumnChunk } from './chunk.ts';
import { LoadedEvents, type LoadSummary } from './events.ts';
import { dedupChunk, type Dedup } from './dedup.ts';
import { encodeMemoryTimes, isColumnTable } from './memory.ts';
import type { Pool } from '../parallel/pool.ts';
import type { SortedTimes } from '../sort.ts';
import { arrivalParts } from './arrival.ts';
import { buildPartSync, type Part } from './part.ts';
import type { SortTask } from './worker.ts';
import type { Readable } from 'node:stream';

/** A declared column type, as event files are read with (see `src/io`). */
export type LoadColumnType = 'time' | 'number' | 'boolean' | 'string';

/** Progress of a load: rows kept and skipped so far, and bytes read (files and streams). */
export interface LoadProgress {
  rows: number;
  skipped: number;
  bytes?: number;
  /** The input's size in bytes, when known (a path). */
  totalBytes?: number;
}

export interface LoadOptions {
  /** The column of event instants. Default `'ts'`. */
  time?: string;
  /** File format; by default from the path's extension (a `.gz` suffix is decompressed). Needed for streams. */
  format?: 'ndjson' | 'csv' | 'arrow' | 'parquet';
  /**
   * Declared column types for files and streams (as `recompute --schema`). For records and
   * tables it names the columns to keep; their values are kept as they are.
   */
  columns?: Record<string, LoadColumnType>;
  /** Skip (and count) events whose time is not an instant, or malformed file rows, instead of stopping. */
  skipInvalid?: boolean;
  /** CSV field delimiter. Default `,` (a tab for `.tsv`). */
  delimiter?: string;
  onProgress?: (progress: LoadProgress) => void;
  /** Files and streams: called for each skipped row (`skipInvalid`), in file order, with the error it would have raised. */
  onInvalid?: (error: Error) => void;
  /** Streams: the name errors give the input (a path names itself). Default `'<stream>'`. */
  name?: string;
  /**
   * Files and streams: read only these columns besides the time column and the declared ones;
   * the others are checked as the format requires (NDJSON must still parse) but not decoded.
   */
  select?: string[];
  /**
   * Keep one event per key (these columns' values), the first to arrive, across this load and
   * every later `append`; the others are counted in `summary.duplicates`. An event with a null
   * in its key is always kept.
   */
  dedupBy?: string[];
}

/** What `engine.load` accepts. */
export type LoadInput =
  | string
  | URL
  | ReadableStream<Uint8Array>
  | Readable
  | AsyncIterable<Uint8Array>
  | EventRecords
  | ColumnTable;

const optionsSchema = z
  .object({
    time: z.string().min(1).optional(),
    format: z.enum(['ndjson', 'csv', 'arrow', 'parquet']).optional(),
    columns: z.record(z.string(), z.enum(['time', 'number', 'boolean', 'string'])).optional(),
    skipInvalid: z.boolean().optional(),
    delimiter: z.string().length(1).optional(),
    onProgress: z
      .custom<(p: LoadProgress) => void>((v) => typeof v === 'function', { message: 'onProgress must be a function' })
      .optional(),
    onInvalid: z
      .custom<(e: Error) => void>((v) => typeof v === 'function', { message: 'onInvalid must be a function' })
      .optional(),
    name: z.string().optional(),
    select: z.array(z.string()).optional(),
    dedupBy: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export function checkLoadOptions(options: LoadOptions): LoadOptions & { time: string } {
  const parsed = optionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new QueryError([{ path: ['options', ...issue.path.map(String)], message: issue.message }]);
  }
  return { ...options, time: options?.time ?? 'ts' };
}

/** The store's worker module (./worker.ts), which pool tasks name. */
const STORE_WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href;

/** One load's or append's events, before they join an events object. */
export interface Batch {
  /** The batch's rows: one part in time order, or (`arrival`) one part per chunk in arrival order. */
  parts: Part[];
  /** Column names, the time column included, in input order. */
  names: string[];
  summary: LoadSummary;
  /** The parts hold the rows as they came, not yet sorted by time (see ./arrival.ts). */
  arrival?: boolean;
}

/** What a read needs besides its input: the engine's workers, the events object's dedup keys, where arrival numbers start. */
export interface ReadContext {
  workers?: { getPool: () => Promise<Pool | null>; inlineThreshold: number };
  dedup: Dedup | null;
  firstSeq: number;
  /**
   * Chunk inputs (files, streams): `'arrival'` leaves the rows in arrival order (./arrival.ts),
   * for an events object that sorts them only once something needs time order. Default `'time'`.
   */
  order?: 'time' | 'arrival';
}

/**
 * Records or a table → a batch: one chunk encoded column by column, then one part. With a pool,
 * a worker sorts the times while this thread encodes the other columns (records cannot cross
 * threads, the shared time column can).
 */
export async function readMemory(
  events: EventRecords | ColumnTable,
  options: LoadOptions & { time: string },
  ctx: ReadContext,
): Promise<Batch> {
  const started = performance.now();
  const workers = ctx.workers;
  // Below the engine's inline threshold a worker round-trip would cost more than the sort. With
  // dedup the rows to sort are known only once every key column is read.
  const starting =
    workers &&
    !ctx.dedup &&
    memoryRows(events) >= Math.max(1, workers.inlineThreshold) &&
    typeof SharedArrayBuffer !== 'undefined'
      ? workers.getPool()
      : null;
  starting?.catch(() => {});
  const time = options.time;
  const { n, times, names, skipped, columns } = encodeMemoryTimes(events, time, options, ctx.firstSeq);
  const pool = starting ? await starting : null;
  const sorting = pool
    ? pool.run<SortTask>([{ kind: 'sort', time: times }], { filename: STORE_WORKER }).then((r) => r[0] as SortedTimes)
    : null;
  sorting?.catch(() => {});
  let chunk: ColumnChunk = { n, time: times, columns: columns() };
  let duplicates = 0;
  if (ctx.dedup) ({ chunk, duplicates } = dedupChunk(chunk, ctx.dedup, time));
  const part = buildPartSync([chunk], ctx.firstSeq, sorting ? await sorting : undefined);
  options.onProgress?.({ rows: part.n, skipped });
  return {
    parts: [part],
    names,
    summary: { rows: part.n, skipped, duplicates, bytes: 0, seconds: (performance.now() - started) / 1000 },
  };
}

function memoryRows(events: EventRecords | ColumnTable): number {
  return Array.isArray(events) ? events.length : isColumnTable(events) ? events.numRows() : 0;
}

/**
 * Column chunks in input order (an array or an async stream, e.g. from a file scanner) → a
 * batch. The chunks are consumed.
 */
export async function readChunks(
  chunks: Iterable<ColumnChunk> | AsyncIterable<ColumnChunk>,
  time: string,
  ctx: ReadContext,
  summary?: Promise<Omit<LoadSummary, 'duplicates'>>,
): Promise<Batch> {
  const names = new Set<string>([time]);
  let duplicates = 0;
  async function* tracked() {
    for await (let c of chunks) {
      if (ctx.dedup) {
        const d = dedupChunk(c, ctx.dedup, time);
        c = d.chunk;
        duplicates += d.duplicates;
      }
      for (const name of c.columns.keys()) names.add(name);
      yield c;
    }
  }
  const started = performance.now();
  const all: ColumnChunk[] = [];
  for await (const c of tracked()) all.push(c);
  // No chunk at all makes one empty part, in order by definition.
  const arrival = ctx.order === 'arrival' && all.length > 0;
  const parts = arrival ? arrivalParts(all, ctx.firstSeq) : [buildPartSync(all, ctx.firstSeq)];
  const rows = parts.reduce((s, p) => s + p.n, 0);
  const read = summary ? await summary : { rows, skipped: 0, bytes: 0, seconds: 0 };
  // The scan's seconds end at its last chunk, and the parts are built after it: the time from the
  // first chunk awaited to the parts built counts when longer.
  const seconds = Math.max(read.seconds, (performance.now() - started) / 1000);
  return { parts, names: [...names], summary: { ...read, rows, duplicates, seconds }, arrival };
}

/** Column chunks → events (without appends): for doors that produce chunks, and tests. `order` as {@link ReadContext}'s. */
export async function loadChunks(
  chunks: Iterable<ColumnChunk> | AsyncIterable<ColumnChunk>,
  time: string,
  order: 'time' | 'arrival' = 'time',
): Promise<LoadedEvents> {
  return new LoadedEvents(await readChunks(chunks, time, { dedup: null, firstSeq: 0, order }), time, null);
}

export function isByteInput(input: unknown): boolean {
  return (
    typeof input === 'string' ||
    input instanceof URL ||
    (typeof input === 'object' &&
      input !== null &&
      !Array.isArray(input) &&
      !isColumnTable(input) &&
      (typeof (input as ReadableStream).getReader === 'function' || Symbol.asyncIterator in input))
  );
}
