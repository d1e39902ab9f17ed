/**
 * Reading event files into arquero tables: {@link readEventChunks} streams chunks of rows,
 * {@link readEvents} gathers them into one table.
 *
 * The engine reads files through the parallel scanners (./scan/, `engine.load`) instead; these
 * row readers stay for code that wants rows of JS values (the ClickHouse loader). They are not
 * built on the scanners, whose results differ where the scanners keep a value exact: an
 * undeclared NDJSON integer beyond ±2^53 is a rounded number here and its digits as text there.
 */
import { table, type ColumnTable } from 'arquero';
import { readArrowBatches } from './arrow.ts';
import { checkBatch, type BatchRules } from './batch.ts';
import { readCsvBatches } from './csv.ts';
import { readNdjsonBatches } from './ndjson.ts';
import { readParquetBatches } from './parquet.ts';
import type { ReaderContext } from './context.ts';
import { EVENT_FORMATS, type EventFormat, FORMAT_EXTENSIONS, type RawBatch, type ReadOptions, type ReadResult } from './types.ts';

export const DEFAULT_CHUNK_ROWS = 65_536;

/**
 * The format a file name implies, or null.
 * @example formatFromPath('events.jsonl') // 'ndjson'
 */
export function formatFromPath(path: string): EventFormat | null {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  return (ext && FORMAT_EXTENSIONS[ext]) || null;
}

function rawBatches(
  path: string,
  format: EventFormat,
  ctx: ReaderContext,
  delimiter: string | undefined,
): AsyncGenerator<RawBatch> {
  switch (format) {
    case 'ndjson':
      return readNdjsonBatches(path, ctx);
    case 'csv':
      return readCsvBatches(path, ctx, { delimiter: delimiter ?? (/\.tsv$/i.test(path) ? '\t' : ',') });
    case 'arrow':
      return readArrowBatches(path, ctx);
    case 'parquet':
      return readParquetBatches(path, ctx);
  }
}

/**
 * Streams an event file as arquero tables of at most `chunkRows` rows, with declared column
 * types enforced. A malformed row rejects with an `EventFileError` (file, line or row, reason)
 * unless `skipInvalid`. Every chunk carries every column seen so far in the file (null where a
 * row had none); a column that first appears later is missing from earlier chunks.
 *
 * @example
 * for await (const chunk of readEventChunks('events.ndjson', { types: { ts: 'time', quantity: 'number' } })) {
 *   console.log(chunk.numRows());
 * }
 */
export async function* readEventChunks(path: string, options: ReadOptions = {}): AsyncGenerator<ColumnTable> {
  const format = options.format ?? formatFromPath(path);
  if (!format)
    throw new TypeError(`cannot tell the format of ${path} from its extension; give format (${EVENT_FORMATS.join(', ')})`);
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  if (!Number.isInteger(chunkRows) || chunkRows < 1)
    throw new TypeError(`chunkRows must be a positive integer, got ${chunkRows}`);
  const types = options.types ?? {};
  const ctx: ReaderContext = {
    file: path,
    chunkRows,
    skipInvalid: options.skipInvalid ?? false,
    onInvalid: options.onInvalid,
    columns: options.columns ? [...new Set([...options.columns, ...Object.keys(types)])] : undefined,
  };
  const rules: BatchRules = {
    file: path,
    types,
    keep: ctx.columns ? new Set(ctx.columns) : undefined,
    text: format === 'csv',
    skipInvalid: ctx.skipInvalid,
    onInvalid: ctx.onInvalid,
  };
  const progress = { rows: 0, skipped: 0 };
  for await (const raw of rawBatches(path, format, ctx, options.delimiter)) {
    const checked = checkBatch(raw, rules);
    progress.rows += checked.rows;
    progress.skipped += raw.skipped + checked.skipped;
    options.onProgress?.({ ...progress });
    if (checked.rows > 0 || progress.rows === 0) {
      yield table(Object.fromEntries(checked.names.map((n, c) => [n, checked.columns[c]])), checked.names);
    }
  }
}

/**
 * Reads a whole event file into one arquero table (streamed chunk by chunk, then joined).
 * Time columns (`types: { ts: 'time' }`) become epoch-ms Float64Arrays.
 *
 * @example
 * const { table, rows, skipped } = await readEvents('boltz.ndjson', {
 *   types: { ts: 'time', quantity: 'number' }, skipInvalid: true,
 * });
 */
export async function readEvents(path: string, options: ReadOptions = {}): Promise<ReadResult<ColumnTable>> {
  const names: string[] = [];
  const parts = new Map<string, unknown[][]>();
  let rows = 0;
  let skipped = 0;
  const onProgress = options.onProgress;
  for await (const chunk of readEventChunks(path, {
    ...options,
    onProgress: (p) => {
      skipped = p.skipped;
      onProgress?.(p);
    },
  })) {
    const n = chunk.numRows();
    for (const name of chunk.columnNames()) {
      if (!parts.has(name)) {
        names.push(name);
        parts.set(name, rows ? [new Array(rows).fill(null)] : []);
      }
      parts.get(name)!.push(chunk.column(name) as unknown as unknown[]);
    }
    rows += n;
    for (const name of names) {
      const list = parts.get(name)!;
      const have = list.reduce((m, a) => m + a.length, 0);
      if (have < rows) list.push(new Array(rows - have).fill(null));
    }
  }
  const timeColumns = new Set(
    Object.entries(options.types ?? {})
      .filter(([, t]) => t === 'time')
      .map(([n]) => n),
  );
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const name of names) {
    const list = parts.get(name)!;
    if (timeColumns.has(name)) {
      const out = new Float64Array(rows);
      let at = 0;
      for (const a of list) for (let i = 0; i < a.length; i++) out[at++] = a[i] as number;
      columns[name] = out;
    } else if (list.length === 1) columns[name] = list[0];
    else {
      // A copy loop: Array.prototype.flat is many times slower on large arrays.
      const out = new Array(rows);
      let at = 0;
      for (const a of list) for (let i = 0; i < a.length; i++) out[at++] = a[i];
      columns[name] = out;
    }
  }
  return { table: table(columns, names), rows, skipped };
}
