/**
 * The error a malformed event file raises: it names the file, where in it (a line for NDJSON
 * and CSV, a row for Arrow and Parquet) and what is wrong, so a user can go and fix that row.
 */

/** Where in a file a problem sits: a 1-based text line, or a 1-based data row of a columnar file. */
export type FilePosition = { line: number } | { row: number } | Record<string, never>;

/**
 * A row of an event file that cannot be read: bad JSON, a CSV record with the wrong number of
 * fields, a time value that is not an instant, a non-numeric value in a numeric column.
 *
 * @example
 * try { await readEvents('events.ndjson', { types: { ts: 'time' } }); }
 * catch (e) { if (e instanceof EventFileError) console.error(e.message); } // events.ndjson:17: …
 */
export class EventFileError extends Error {
  override readonly name = 'EventFileError';
  readonly file: string;
  /** 1-based line (NDJSON, CSV); undefined for columnar files. */
  readonly line: number | undefined;
  /** 1-based data row (Arrow, Parquet); undefined for text files. */
  readonly row: number | undefined;
  readonly reason: string;

  constructor(file: string, position: FilePosition, reason: string) {
    const line = 'line' in position ? position.line : undefined;
    const row = 'row' in position ? position.row : undefined;
    const where = line !== undefined ? `${file}:${line}` : row !== undefined ? `${file}: row ${row}` : file;
    super(`${where}: ${reason}`);
    this.file = file;
    this.line = line;
    this.row = row;
    this.reason = reason;
  }
}
