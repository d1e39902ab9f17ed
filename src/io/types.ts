/**
 * What the event-file readers accept and produce.
 */
import type { EventFileError } from './errors.ts';

/** The event-file formats, in the order they are listed to users. */
export const EVENT_FORMATS = ['ndjson', 'csv', 'arrow', 'parquet'] as const;

export type EventFormat = (typeof EVENT_FORMATS)[number];

/** The file name extensions that imply a format (beneath a `.gz`, for the scanners). */
export const FORMAT_EXTENSIONS: Readonly<Record<string, EventFormat>> = {
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  json: 'ndjson',
  csv: 'csv',
  tsv: 'csv',
  arrow: 'arrow',
  arrows: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  parquet: 'parquet',
  pq: 'parquet',
};

/**
 * How a column is read:
 * - `'time'`: an instant (epoch ms, ISO-8601 with `Z`/offset, a Date, or in CSV digits of epoch
 *   ms); stored as epoch ms. A missing or unparsable value is a malformed row.
 * - `'number'`: a finite number (numeric strings such as `"12.5"` are accepted); empty → null.
 * - `'boolean'`: `true`/`false` (also `"true"`, `"false"`, `"1"`, `"0"`, `1`, `0`); empty → null.
 * - `'string'`: numbers and booleans become their text; empty CSV fields → null.
 *
 * Undeclared columns keep the file's own types; in CSV they stay strings (never `"007"` → 7).
 */
export type ColumnType = 'time' | 'number' | 'boolean' | 'string';

export interface ReadProgress {
  /** Rows read so far (kept, not counting skipped ones). */
  rows: number;
  /** Malformed rows skipped so far (only with `skipInvalid`). */
  skipped: number;
}

export interface ReadOptions {
  /** File format; by default from the extension (`.ndjson .jsonl .json .csv .tsv .arrow .arrows .feather .ipc .parquet .pq`). */
  format?: EventFormat;
  /** CSV field delimiter, one character. Default `,` (a tab for `.tsv` files). */
  delimiter?: string;
  /** Column types to enforce; see {@link ColumnType}. */
  types?: Record<string, ColumnType>;
  /** Keep only these columns (others are not read from Arrow/Parquet, dropped from text formats). */
  columns?: string[];
  /** Rows per chunk yielded by {@link readEventChunks}. Default 65,536. */
  chunkRows?: number;
  /** Skip malformed rows (and count them) instead of stopping at the first one. */
  skipInvalid?: boolean;
  /** Called for each skipped row with the error it would have raised. */
  onInvalid?: (error: EventFileError) => void;
  /** Called after each chunk. */
  onProgress?: (progress: ReadProgress) => void;
}

/**
 * Rows as a format reader produced them, before column types are enforced: column arrays of
 * equal length and, per row, where it came from (a 1-based line, or the 1-based row of the
 * first entry when `kind` is `'row'`).
 */
export interface RawBatch {
  names: string[];
  rows: number;
  columns: unknown[][];
  /** `'line'`: `positions[i]` is row i's line; `'row'`: row i is data row `firstRow + i`. */
  kind: 'line' | 'row';
  positions: number[];
  firstRow: number;
  /** Rows the format reader itself rejected and skipped (unparsable lines, bad CSV records). */
  skipped: number;
}

/** What {@link readEvents} resolves to. */
export interface ReadResult<T> {
  table: T;
  rows: number;
  skipped: number;
}
