/**
 * The contract between the doors events come in by and the store they land in. A door (a file
 * scanner on a worker, the records encoder, an arquero table) turns its slice of the input into
 * one `ColumnChunk`: rows in input order, already typed, with dictionaries of its own. The store
 * merges chunks into a part: it remaps each chunk's codes into the events object's dictionary and
 * sorts the rows by (time, arrival), so no door ever needs to know about another door's values.
 *
 * Every array may live in a SharedArrayBuffer or be moved (transferred) from the worker that
 * built it, so a chunk reaches the main thread without a copy. The file scanners move theirs:
 * shared memory a worker made stays alive until that worker's next collection.
 */
import type { ChunkStats } from './stats.ts';

/** A column of numbers: NaN where the row had null or no value. */
export interface NumberChunkColumn {
  kind: 'number';
  values: Float64Array;
}

/**
 * A dictionary-encoded column: `codes[i]` indexes `dict`, -1 where the row had null or no value.
 * `dict` holds distinct values in first-seen order: scalars (strings, numbers, booleans) from
 * files; from records, whatever values they hold (BigInts, Dates, …), distinct as Map keys are.
 * A column that mixes numbers and strings is a dictionary column, since values compare strictly
 * ('1' ≠ 1). An entry no row uses is allowed (a door may drop rows after encoding them).
 */
export interface DictChunkColumn {
  kind: 'dict';
  codes: Int32Array;
  dict: unknown[];
}

export type ChunkColumn = NumberChunkColumn | DictChunkColumn;

/** One door's rows, in input order. */
export interface ColumnChunk {
  /** Rows in this chunk (accepted rows only; skipped rows are not here). */
  n: number;
  /** Epoch milliseconds of the time column, in input order. */
  time: Float64Array;
  /** Every other column the door kept, by name. A column absent from a chunk is null in its rows. */
  columns: Map<string, ChunkColumn>;
  /** A summary of the rows (./stats.ts), when the door made one. */
  stats?: ChunkStats;
}

/**
 * The plain (not shared) buffers under a chunk's arrays, or a part's, added to `to`: what can be
 * moved to another thread with them (a scan thread's chunk to the caller; a released part's to a
 * thread that frees it). Shared memory is left out: it cannot be moved, only shared.
 */
export function movableBuffers(
  rows: {
    time: Float64Array;
    columns: Map<string, { kind: 'number'; values: Float64Array } | { kind: 'dict'; codes: Int32Array }>;
  },
  to: Set<ArrayBuffer>,
): Set<ArrayBuffer> {
  const add = (a: Float64Array | Int32Array) => {
    if (a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) to.add(a.buffer);
  };
  add(rows.time);
  for (const col of rows.columns.values()) add(col.kind === 'number' ? col.values : col.codes);
  return to;
}
