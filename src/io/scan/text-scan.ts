/**
 * What a scan of one piece of a text file (NDJSON or CSV) reports: the chunk of accepted rows,
 * counts, and malformed rows by their line within the piece (1-based), which the caller turns
 * into file lines by adding the lines of the pieces before it.
 */
import type { ColumnChunk } from '../../engine/store/chunk.ts';
import type { ChunkBuilder } from './builder.ts';

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

/** The counts every scan keeps as it settles rows. */
export interface RowTally {
  rows: number;
  skipped: number;
  error: RowProblem | null;
  invalid: RowProblem[];
}

/**
 * Keeps the row just written (`reason` null) or drops it: a malformed row is skipped and
 * counted under `skipInvalid`, otherwise it is the scan's error. Returns true when the scan must
 * stop there.
 */
export function settleRow(
  chunk: ChunkBuilder,
  out: RowTally,
  skipInvalid: boolean,
  line: number,
  reason: string | null,
): boolean {
  if (reason === null) {
    chunk.commit();
    out.rows++;
    return false;
  }
  chunk.rollback();
  if (!skipInvalid) {
    out.error = { line, reason };
    return true;
  }
  out.skipped++;
  out.invalid.push({ line, reason });
  return false;
}
