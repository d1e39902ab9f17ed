/**
 * One unit of scan work — a byte range of a text file, a block of a stream, a Parquet row group
 * or an Arrow record batch — and what it yields. A task is plain data (paths, offsets, shared
 * byte buffers), so the same {@link runTask} runs on a worker thread or inline.
 */
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { scanArrowBatch } from './arrow-batch.ts';
import { scanParquetGroup } from './parquet.ts';
import { scanCsv } from './csv.ts';
import { scanNdjson } from './ndjson.ts';
import { Rules, type ScanSpec } from './rules.ts';
import type { ColumnChunk } from '../../engine/store/chunk.ts';
import { chunkStats } from '../../engine/store/stats.ts';
import type { RowProblem } from './text-scan.ts';

export type ScanTask =
  | {
      kind: 'ndjson' | 'csv';
      spec: ScanSpec;
      /** A file and a byte range of it: rows that start in `[start, end)`. */
      path?: string;
      start: number;
      end: number;
      /** A block of a stream instead of a file (rows that start in it; it ends at a row end or the input's end). */
      bytes?: Uint8Array;
      /** The input ends where `bytes` end. */
      final?: boolean;
      /** `start` is a row start; otherwise rows begin after the first line break at or after `start - 1`. */
      exact: boolean;
      csv?: { names: string[]; delimiter: number };
    }
  | { kind: 'parquet'; spec: ScanSpec; path?: string; bytes?: Uint8Array; group: number }
  | { kind: 'arrow'; spec: ScanSpec; path?: string; bytes?: Uint8Array; messages: { at: number; length: number }[] };

export interface TaskResult {
  chunk: ColumnChunk;
  rows: number;
  skipped: number;
  /** Text: lines spanned; columnar: rows in the part. */
  lines: number;
  /** Text: the byte offset the rows began at and the one they ended at (the next task's start). */
  from: number;
  to: number;
  /** Input bytes this task accounts for, for progress. */
  bytes: number;
  /** Positions within the task: 1-based lines (text) or 0-based rows (columnar). */
  error: RowProblem | null;
  invalid: RowProblem[];
}

// One read buffer per thread, reused by every text task: a task's bytes are dead once its chunk
// is built (keys and dictionary entries are copied out), and a fresh 8 MiB buffer per task only
// feeds the collector.
let scratch = new Uint8Array(0);

function readRange(fd: number, at: number, length: number, reuse = false): Uint8Array {
  if (reuse && scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
  const out = reuse ? scratch.subarray(0, length) : new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, at + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? out : out.subarray(0, done);
}

/**
 * An Arrow task's messages (schema, dictionaries, the batch), read into this thread's read
 * buffer one after another: the batch is decoded into a chunk before the next task reads, and a
 * fresh buffer per batch left tens of megabytes of garbage per worker.
 */
function readMessages(path: string, messages: { at: number; length: number }[]): Uint8Array[] {
  const total = messages.reduce((s, m) => s + m.length, 0);
  if (scratch.length < total) scratch = new Uint8Array(Math.max(total, scratch.length * 2));
  const fd = openSync(path, 'r');
  try {
    let offset = 0;
    return messages.map(({ at, length }) => {
      const out = scratch.subarray(offset, offset + length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, out, done, length - done, at + done);
        if (n === 0) break;
        done += n;
      }
      offset += length;
      return done === length ? out : out.subarray(0, done);
    });
  } finally {
    closeSync(fd);
  }
}

const MARGIN = 1 << 16;

function runTextFile(task: Extract<ScanTask, { kind: 'ndjson' | 'csv' }>, rules: Rules): TaskResult {
  const fd = openSync(task.path!, 'r');
  try {
    const size = fstatSync(fd).size;
    let from = task.start;
    if (!task.exact && from > 0) {
      // Rows begin after the first line break at or after start - 1.
      let at = from - 1;
      for (;;) {
        const probe = readRange(fd, at, MARGIN);
        const lf = probe.indexOf(10);
        if (lf >= 0) {
          from = at + lf + 1;
          break;
        }
        if (probe.length < MARGIN) {
          from = size;
          break;
        }
        at += probe.length;
      }
    }
    if (from >= task.end) return empty(from, from, task.end - task.start);
    let margin = MARGIN;
    for (;;) {
      const length = Math.min(task.end - from + margin, size - from);
      let bytes = readRange(fd, from, length, true);
      const final = from + bytes.length >= size;
      let skip = 0;
      if (from === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) skip = 3;
      if (skip) bytes = bytes.subarray(skip);
      const limit = task.end - from - skip;
      const scan =
        task.kind === 'ndjson'
          ? scanNdjson(bytes, limit, final, rules)
          : scanCsv(bytes, limit, final, task.csv!.names, task.csv!.delimiter, rules);
      if (scan === null || ('more' in scan && scan.more && !final)) {
        margin *= 4;
        continue;
      }
      const to = from + skip + scan.consumed;
      return { ...scan, from, to, bytes: task.end - task.start };
    }
  } finally {
    closeSync(fd);
  }
}

function empty(from: number, to: number, bytes: number): TaskResult {
  return {
    chunk: { n: 0, time: new Float64Array(0), columns: new Map() },
    rows: 0,
    skipped: 0,
    lines: 0,
    from,
    to,
    bytes,
    error: null,
    invalid: [],
  };
}

/**
 * Runs one task, wherever it runs (a thread's worker, or here), with its chunk's summary made
 * where the rows were read: the first query's checks then cost the calling thread nothing.
 */
export async function runTask(task: ScanTask): Promise<TaskResult> {
  const result = await scanTask(task);
  if (result.chunk.n > 0) result.chunk.stats = chunkStats(result.chunk);
  return result;
}

async function scanTask(task: ScanTask): Promise<TaskResult> {
  const rules = new Rules(task.spec);
  switch (task.kind) {
    case 'ndjson':
    case 'csv': {
      if (task.path !== undefined) return runTextFile(task, rules);
      const bytes = task.bytes!;
      const scan =
        task.kind === 'ndjson'
          ? scanNdjson(bytes, bytes.length, true, rules)
          : scanCsv(bytes, bytes.length, task.final ?? true, task.csv!.names, task.csv!.delimiter, rules);
      if (scan === null) throw new Error('an NDJSON block must end at a line break');
      // A CSV record running past a block stops the scan before it; the next block starts there instead.
      return { ...scan, from: task.start, to: task.start + scan.consumed, bytes: bytes.length };
    }
    case 'parquet': {
      const scan = await scanParquetGroup(task.path ?? task.bytes!, task.group, rules);
      return { ...scan, lines: scan.total, from: 0, to: 0 };
    }
    case 'arrow': {
      const messages = task.bytes
        ? task.messages.map(({ at, length }) => task.bytes!.subarray(at, at + length))
        : readMessages(task.path!, task.messages);
      const scan = scanArrowBatch(messages, rules);
      return { ...scan, lines: scan.total, from: 0, to: 0, bytes: messages.reduce((s, m) => s + m.length, 0) };
    }
  }
}
