/**
 * `scanEvents`: an event file or byte stream → {@link ColumnChunk}s in file order, parsed on
 * worker threads when a pool is given (one task per byte range, stream block, row group or
 * record batch; a file's tasks pulled by the threads themselves (./pull.ts), a stream's handed
 * out a few at a time; results taken in order), inline otherwise. Counts, skipped
 * rows and the first malformed row come out exactly as a one-thread read gives them: results are
 * checked in file order, so the error reported is the earliest bad row whichever worker saw it.
 */
import { statSync } from 'node:fs';
import type { ColumnChunk } from '../../engine/store/chunk.ts';
import { sharedBuffer } from '../../engine/buffers.ts';
import { EventFileError } from '../errors.ts';
import type { ColumnType, EventFormat } from '../types.ts';
import { byteSource, formatFromPath, isGzipPath, type ScanInput } from './input.ts';
import { bytesReader, csvHeaderOf, fileReader, indexArrow, parquetGroups, streamBlocks, textRanges } from './plan.ts';
import type { ScanSpec } from './rules.ts';
import { pulled } from './pull.ts';
import { runTask, type ScanTask, type TaskResult } from './task.ts';
import type { CsvHeader } from './csv.ts';

/** Where scan tasks run: the engine's worker pool (each task runs the module at `filename`). */
export interface ScanPool {
  readonly size: number;
  run(tasks: unknown[], options: { filename: string }): Promise<unknown[]>;
}

export interface ScanProgress {
  /** Input bytes read so far (compressed bytes for `.gz`). */
  bytes: number;
  /** The input's size when known (a path), else undefined. */
  totalBytes: number | undefined;
  /** Rows read so far (kept). */
  rows: number;
  /** Malformed rows skipped so far. */
  skipped: number;
}

export interface ScanSummary {
  rows: number;
  skipped: number;
  bytes: number;
  seconds: number;
}

export interface ScanOptions {
  /** File format; by default from the path's extension (beneath `.gz`). Required for streams. */
  format?: EventFormat;
  /** The time column: every row needs an instant there (epoch ms or ISO-8601 with an offset). */
  time: string;
  /** Declared column types (see `ColumnType`); the time column is always `'time'`. */
  columns?: Record<string, ColumnType>;
  /** Keep only these columns besides the declared ones (others are not decoded); default all. */
  keep?: string[];
  /** Skip malformed rows (counted) instead of stopping at the first one. */
  skipInvalid?: boolean;
  /** CSV field delimiter, one character; default `,` (a tab for `.tsv`). */
  delimiter?: string;
  /** Called as the input is read. */
  onProgress?: (progress: ScanProgress) => void;
  /** Called for each skipped row, in file order, with the error it would have raised. */
  onInvalid?: (error: EventFileError) => void;
  /**
   * Worker threads to parse on; inline when absent. A function is called (once) only when the
   * input turns out to need more than one task, so a small file never starts a pool.
   */
  pool?: ScanPool | null | (() => Promise<ScanPool | null>);
  /** The name errors give a stream (a path names itself). Default `'<stream>'`. */
  name?: string;
  /** Bytes per text task (default: about 8 MiB, less for small files so every worker gets some). */
  pieceBytes?: number;
  /**
   * How many tasks the threads may read ahead of the chunks taken so far; each one read ahead
   * holds its chunk in memory. Default two per thread; `Infinity` for a caller that keeps every
   * chunk anyway (a load).
   */
  ahead?: number;
  /**
   * This thread scans a file too, taking its tasks as the pool's threads do and letting its
   * event loop run between two of them; the pool then runs one thread fewer. For a program with
   * nothing else to do meanwhile (the command line): a thread started for the scan first pays
   * for starting and for compiling the scanners, which this thread's share of the work no longer
   * waits for.
   */
  here?: boolean;
}

export interface Scan {
  /** The rows as chunks, in file order; rejects with an `EventFileError` on a malformed row. */
  chunks: AsyncIterable<ColumnChunk>;
  /** Settles when `chunks` has been read to the end (or failed). */
  summary: Promise<ScanSummary>;
}

const WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href;
const DEFAULT_PIECE = 8 << 20;
/**
 * How long a thread's pull task takes more tasks before it hands back what it read (./pull.ts):
 * long enough that starting pull tasks again costs nothing to speak of (a thread whose pull task
 * ended waits for this thread, which may be running a task of its own, to start the next), short
 * enough that chunks and progress reach the caller a few times a second and a pull task stays far
 * below the pool's task timeout.
 */
const PULL_BUDGET_MS = 300;
const canPull = typeof SharedArrayBuffer !== 'undefined' && typeof Atomics !== 'undefined';

function checkDelimiter(d: string): number {
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r' || d.charCodeAt(0) > 127) {
    throw new TypeError(`CSV delimiter must be one ASCII character other than a quote or line break, got ${JSON.stringify(d)}`);
  }
  return d.charCodeAt(0);
}

/**
 * Scans an event file or stream into column chunks, in parallel when given a pool.
 *
 * @example
 * const { chunks, summary } = scanEvents('events.ndjson.gz', {
 *   time: 'ts', columns: { quantity: 'number', workspace_id: 'string' }, skipInvalid: true,
 * });
 * for await (const chunk of chunks) console.log(chunk.n, chunk.columns.get('workspace_id'));
 * console.log(await summary); // { rows, skipped, bytes, seconds }
 */
export function scanEvents(input: ScanInput, options: ScanOptions): Scan {
  let settle!: { resolve: (s: ScanSummary) => void; reject: (e: unknown) => void };
  const summary = new Promise<ScanSummary>((resolve, reject) => (settle = { resolve, reject }));
  summary.catch(() => {});
  const chunks = (async function* () {
    try {
      const s = yield* run(input, options);
      settle.resolve(s);
    } catch (e) {
      settle.reject(e);
      throw e;
    }
  })();
  return { chunks, summary };
}

async function* run(input: ScanInput, options: ScanOptions): AsyncGenerator<ColumnChunk, ScanSummary> {
  const started = performance.now();
  const path = typeof input === 'string' ? input : null;
  const file = path ?? options.name ?? '<stream>';
  const format = options.format ?? (path ? formatFromPath(path) : null);
  if (!format) {
    throw new TypeError(
      path
        ? `cannot tell the format of ${path} from its extension; give format (ndjson, csv, arrow, parquet)`
        : 'a stream needs format (ndjson, csv, arrow, parquet)',
    );
  }
  if (typeof options.time !== 'string' || options.time === '') throw new TypeError('time must name the time column');
  const spec: ScanSpec = {
    time: options.time,
    types: options.columns ?? {},
    keep: options.keep,
    skipInvalid: options.skipInvalid ?? false,
  };
  const delimiter =
    format === 'csv' ? checkDelimiter(options.delimiter ?? (path && /\.tsv(\.gz)?$/i.test(path) ? '\t' : ',')) : 0;
  let pool: ScanPool | null = typeof options.pool === 'function' ? null : (options.pool ?? null);
  let asked: Promise<void> | null = typeof options.pool === 'function' ? null : Promise.resolve();
  // The pool is asked for once the input is known to need more than one task: for a file, before
  // the first task, which runs here while the pool's threads start (they need this thread's event
  // loop to load, so more tasks here would hold them up); for a stream, at its second task.
  const askForPool = () =>
    (asked ??= (options.pool as () => Promise<ScanPool | null>)().then(
      (p) => void (pool = p),
      () => {},
    ));
  const exec = async (task: ScanTask): Promise<TaskResult> => {
    const p = pool && pool.size > 0 ? pool : null;
    return p ? ((await p.run([task], { filename: WORKER }))[0] as TaskResult) : runTask(task);
  };
  const depth = () => (pool && pool.size > 0 ? pool.size * 2 : 1);

  const gz = path !== null && isGzipPath(path);
  const total = path !== null ? statSync(path).size : undefined;
  const source = path === null || gz ? byteSource(gz ? { gzipPath: path! } : (input as Exclude<ScanInput, string>)) : null;
  const progress: ScanProgress = { bytes: 0, totalBytes: total, rows: 0, skipped: 0 };
  let base = 0; // lines (text) or rows (columnar) before the current task
  let expected = -1; // text: where the next task's rows must begin
  let previous: ScanTask | null = null;
  const parallel = options.pool ? 2 : 1;
  const piece =
    options.pieceBytes ??
    (total !== undefined && !gz ? Math.max(1 << 20, Math.min(DEFAULT_PIECE, Math.ceil(total / (parallel * 4)))) : DEFAULT_PIECE);

  let tasks: AsyncIterable<ScanTask> | Iterable<ScanTask>;
  const text = format === 'ndjson' || format === 'csv';
  const csvHeader: { value?: CsvHeader } = {};
  let sharedBytes: Uint8Array | null = null;
  if (text && source === null) {
    let start = 0;
    let csv: { names: string[]; delimiter: number } | undefined;
    if (format === 'csv') {
      const reader = fileReader(path!);
      try {
        const header = csvHeaderOf(reader.readAt, reader.size, delimiter, file);
        start = header.dataStart;
        base = header.lines;
        csv = { names: header.names, delimiter };
      } finally {
        reader.close();
      }
    }
    tasks = [...textRanges(format, path!, total!, start, piece, spec, csv)];
    if (total! - start > piece) void askForPool();
  } else if (text) {
    tasks = (async function* () {
      for await (const block of streamBlocks(source!, piece, format === 'csv' ? delimiter : null, file, csvHeader)) {
        const shared = new Uint8Array(sharedBuffer(block.bytes.length));
        shared.set(block.bytes);
        if (expected === -1 && format === 'csv') base = csvHeader.value!.lines;
        yield {
          kind: format,
          spec,
          bytes: shared,
          start: block.start,
          end: block.start + block.bytes.length,
          final: block.final,
          exact: true,
          csv: format === 'csv' ? { names: csvHeader.value!.names, delimiter } : undefined,
        } satisfies ScanTask;
      }
    })();
  } else {
    if (source !== null) {
      const parts: Uint8Array[] = [];
      let n = 0;
      for await (const b of source.blocks) {
        parts.push(b);
        n += b.length;
      }
      sharedBytes = new Uint8Array(sharedBuffer(n));
      let at = 0;
      for (const p of parts) {
        sharedBytes.set(p, at);
        at += p.length;
      }
    }
    const list =
      format === 'parquet'
        ? await parquetTasks(path && !gz ? path : null, sharedBytes, spec, file)
        : arrowTasks(path && !gz ? path : null, sharedBytes, spec, file);
    if (list.length > 1) void askForPool();
    tasks = list;
  }

  // A file's tasks are all known up front: the threads pull them (./pull.ts). A stream's blocks
  // are handed out as they are read.
  const results = Array.isArray(tasks)
    ? pulledOrInline(tasks, exec, depth, askForPool, () => (pool && pool.size > 0 ? pool : null), options)
    : ordered(tasks, exec, depth, askForPool);
  for await (const { task, result: first } of results) {
    let result = first;
    if (text) {
      if (expected === -1) expected = result.from;
      if (result.from !== expected) {
        // This task guessed its first row wrong (a CSV record ran across the cut): read it again from where the rows really begin.
        if (task.kind !== 'ndjson' && task.kind !== 'csv') throw new Error('unreachable');
        if (task.path !== undefined) {
          if (expected >= task.end) continue;
          result = await exec({ ...task, start: expected, exact: true });
        } else {
          const prev = previous as Extract<ScanTask, { kind: 'ndjson' | 'csv' }>;
          const rest = prev.bytes!.subarray(expected - prev.start);
          const joined = new Uint8Array(sharedBuffer(rest.length + task.bytes!.length));
          joined.set(rest);
          joined.set(task.bytes!, rest.length);
          const replacement: ScanTask = { ...task, bytes: joined, start: expected };
          result = await exec(replacement);
          previous = replacement;
        }
      } else previous = task;
      expected = result.to;
    }
    const at = (local: number) => (text ? { line: base + local } : { row: base + local + 1 });
    for (const bad of result.invalid) options.onInvalid?.(new EventFileError(file, at(bad.line), bad.reason));
    if (result.error) throw new EventFileError(file, at(result.error.line), result.error.reason);
    base += result.lines;
    progress.rows += result.rows;
    progress.skipped += result.skipped;
    progress.bytes = source ? source.consumed() : Math.min(total ?? 0, progress.bytes + result.bytes);
    options.onProgress?.({ ...progress });
    if (result.chunk.n > 0) yield result.chunk;
  }
  if (source && !text) progress.bytes = source.consumed();
  return { rows: progress.rows, skipped: progress.skipped, bytes: progress.bytes, seconds: (performance.now() - started) / 1000 };
}

/**
 * A file's tasks, results in task order: pulled by the pool's threads; the first one here when
 * the pool is not there yet (it runs while the pool's threads start, as with {@link ordered});
 * all of them here without a pool; handed out by {@link ordered} where there is no shared memory.
 */
async function* pulledOrInline(
  tasks: ScanTask[],
  exec: (t: ScanTask) => Promise<TaskResult>,
  depth: () => number,
  askForPool: () => Promise<void>,
  poolNow: () => ScanPool | null,
  options: Pick<ScanOptions, 'ahead' | 'here'>,
): AsyncGenerator<{ task: ScanTask; result: TaskResult }> {
  let from = 0;
  if (poolNow() === null && tasks.length > 0) {
    yield { task: tasks[0], result: await exec(tasks[0]) };
    from = 1;
    if (tasks.length > 1) await askForPool();
  }
  const pool = poolNow();
  if (pool === null || !canPull || from >= tasks.length) {
    yield* ordered(tasks.slice(from), exec, depth, askForPool);
    return;
  }
  yield* pulled(tasks, from, pool, {
    filename: WORKER,
    ahead: Math.max(1, options.ahead ?? pool.size * 2),
    budgetMs: PULL_BUDGET_MS,
    shared: sharedBuffer,
    threads: options.here ? pool.size - 1 : pool.size,
    here: options.here ? runTask : undefined,
  });
}

/** Runs tasks `depth` at a time and hands back their results in task order. */
async function* ordered(
  tasks: AsyncIterable<ScanTask> | Iterable<ScanTask>,
  exec: (t: ScanTask) => Promise<TaskResult>,
  depth: () => number,
  onSecondTask: () => Promise<void>,
): AsyncGenerator<{ task: ScanTask; result: TaskResult }> {
  const it = (Symbol.asyncIterator in tasks ? tasks[Symbol.asyncIterator]() : (tasks as Iterable<ScanTask>)[Symbol.iterator]()) as
    | AsyncIterator<ScanTask>
    | Iterator<ScanTask>;
  const queue: { task: ScanTask; result: Promise<TaskResult> }[] = [];
  let done = false;
  let count = 0;
  try {
    for (;;) {
      while (!done && queue.length < depth()) {
        const next = await it.next();
        if (next.done) {
          done = true;
          break;
        }
        if (++count === 2) await onSecondTask();
        const result = exec(next.value);
        result.catch(() => {});
        queue.push({ task: next.value, result });
      }
      const head = queue.shift();
      if (!head) return;
      yield { task: head.task, result: await head.result };
    }
  } finally {
    await it.return?.();
  }
}

async function parquetTasks(path: string | null, bytes: Uint8Array | null, spec: ScanSpec, file: string): Promise<ScanTask[]> {
  const groups = await parquetGroups(
    path ?? { byteLength: bytes!.byteLength, slice: (s: number, e?: number) => bytes!.slice(s, e).buffer },
    file,
  );
  return groups.map((_, group) => ({ kind: 'parquet', spec, path: path ?? undefined, bytes: path ? undefined : bytes!, group }));
}

function arrowTasks(path: string | null, bytes: Uint8Array | null, spec: ScanSpec, file: string): ScanTask[] {
  const reader = path ? fileReader(path) : null;
  try {
    const index = indexArrow(reader ? reader.readAt : bytesReader(bytes!), reader ? reader.size : bytes!.length, file);
    return index.batches.map((b) => ({
      kind: 'arrow',
      spec,
      path: path ?? undefined,
      bytes: path ? undefined : bytes!,
      messages: [index.schema, ...index.dictionaries.slice(0, b.dictionaries), { at: b.at, length: b.length }],
    }));
  } finally {
    reader?.close();
  }
}
