/**
 * What a columnar scan (a Parquet row group, an Arrow record batch) reports, and the shared path
 * that writes rows given as columns of values through the declared-type rules, row by row.
 * The raw-buffer column shape both formats can hand over is {@link BatchColumn}; `scanBatch`
 * (./batch-scan.ts) writes such columns a column at a time.
 */
import { ChunkBuilder } from './builder.ts';
import { missingTime, type Rules, Writers, writeValue, type Rule } from './rules.ts';
import type { ColumnChunk } from '../../engine/store/chunk.ts';
import { type RowProblem, settleRow } from './text-scan.ts';

export { scanBatch } from './batch-scan.ts';

export interface RowsScan {
  chunk: ColumnChunk;
  rows: number;
  skipped: number;
  /** The first malformed row (0-based within the part), when not skipping. */
  error: RowProblem | null;
  /** Skipped rows (0-based within the part). */
  invalid: RowProblem[];
  /** Rows in the part. */
  total: number;
}

/** Rows given as columns of values, through the rules, row by row. */
export function scanColumns(names: string[], columns: ArrayLike<unknown>[], n: number, rules: Rules): RowsScan {
  const chunk = new ChunkBuilder();
  const w = new Writers(chunk, rules);
  const kept: { rule: Rule; values: ArrayLike<unknown> }[] = [];
  names.forEach((name, c) => {
    const rule = rules.rule(name);
    if (rule !== null) kept.push({ rule, values: columns[c] });
  });
  const out: RowsScan = { chunk: null!, rows: 0, skipped: 0, error: null, invalid: [], total: n };
  for (let i = 0; i < n; i++) {
    let reason: string | null = null;
    for (let k = 0; k < kept.length && reason === null; k++) reason = writeValue(w, kept[k].rule, kept[k].values[i], false);
    reason ??= missingTime(w, rules);
    if (settleRow(chunk, out, rules.spec.skipInvalid, i, reason)) break;
  }
  out.chunk = chunk.finish();
  return out;
}

/**
 * One column of a batch as raw buffers: the shape Arrow keeps its columns in, and the one a
 * Parquet page decodes to without a JS value per cell. Value i of `utf8` is the UTF-8 text
 * `values[offsets[i], offsets[i + 1])`; `dictionary` holds codes into a dictionary column;
 * `values` is anything else, one JS value per row, read through the generic rules. A set bit i
 * of `validity` (LSB first) means value i is present; null validity means none is null. Arrays
 * may be longer than the batch (padding): only the first `n` rows (and the codes' entries) are read.
 * The writer keeps none of them (the chunk it makes has arrays of its own): the Parquet decoder
 * reuses its arrays for the thread's next row group.
 */
export type BatchColumn =
  | { kind: 'utf8'; values: Uint8Array; offsets: Int32Array; validity: Uint8Array | null }
  | {
      kind: 'number';
      values: Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
      validity: Uint8Array | null;
    }
  | {
      kind: 'dictionary';
      codes: Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
      dictionary: BatchColumn;
      validity: Uint8Array | null;
    }
  | { kind: 'values'; values: ArrayLike<unknown> };
