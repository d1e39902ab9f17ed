/**
 * What a scan of one piece of a text file (NDJSON or CSV) reports: the chunk of accepted rows,
 * counts, and malformed rows by their line within the piece (1-based), which the caller turns
 * into file lines by adding the lines of the pieces before it.
 */
import type { ColumnChunk } from '../../engine/store/chunk.ts';

export interface RowProblem {
  line: number;
  reason: string;
}

export interface TextScan {
  chunk: ColumnChunk;
  rows: number;
  skipped: number;
  /** Lines the piece spans (line breaks, plus a last line without one). */
  lines: number;
  /** Bytes of the piece read, from its start; the next piece starts there. */
  consumed: number;
  /** The first malformed row, when not skipping (the scan stops there). */
  error: RowProblem | null;
  /** Skipped rows, in order. */
  invalid: RowProblem[];
}
