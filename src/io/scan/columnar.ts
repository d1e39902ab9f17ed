/**
 * Parquet row groups and Arrow record batches → chunks. hyparquet and flechette decode the
 * columns asked for; each value then goes through the declared-type rules (Parquet's int64s
 * arrive as BigInt, timestamps as Dates; both become exact numbers or the row is malformed).
 */
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
} from 'hyparquet';
import { tableFromIPC } from '@uwdata/flechette';
import { ChunkBuilder } from './builder.ts';
import { decodeUtf8 } from './byte-dict.ts';
import { isoUtcFromBytes } from './numbers.ts';
import { missingTime, type Rules, Writers, writeValue, type Rule } from './rules.ts';
import type { ColumnChunk } from '../../engine/store/chunk.ts';
import { type RowProblem, settleRow } from './text-scan.ts';

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

const parquetFiles = new Map<string, Promise<{ file: AsyncBuffer; metadata: FileMetaData }>>();

/** A Parquet file's buffer and metadata, read once per thread and path. */
export function openParquet(source: string | AsyncBuffer): Promise<{ file: AsyncBuffer; metadata: FileMetaData }> {
  if (typeof source !== 'string') return parquetMetadataAsync(source).then((metadata) => ({ file: source, metadata }));
  let p = parquetFiles.get(source);
  if (!p) {
    p = (async () => {
      const file = await asyncBufferFromFile(source);
      return { file, metadata: await parquetMetadataAsync(file) };
    })();
    parquetFiles.set(source, p);
    if (parquetFiles.size > 8) parquetFiles.delete(parquetFiles.keys().next().value!);
  }
  return p;
}

export function parquetColumns(metadata: FileMetaData, rules: Rules): string[] {
  return parquetSchema(metadata)
    .children.map((c) => c.element.name)
    .filter((name) => rules.rule(name) !== null);
}

/** Row group `group` of a Parquet file. */
export async function scanParquetGroup(source: string | AsyncBuffer, group: number, rules: Rules): Promise<RowsScan> {
  const { file, metadata } = await openParquet(source);
  const names = parquetColumns(metadata, rules);
  let start = 0;
  for (let g = 0; g < group; g++) start += Number(metadata.row_groups[g].num_rows);
  const rows = Number(metadata.row_groups[group].num_rows);
  const columns = names.map(() => new Array<unknown>(rows).fill(null));
  await parquetRead({
    file,
    metadata,
    columns: names,
    rowStart: start,
    rowEnd: start + rows,
    onChunk: ({ columnName, columnData, rowStart }) => {
      const target = columns[names.indexOf(columnName)];
      if (!target) return;
      for (let k = 0; k < columnData.length; k++) {
        const at = rowStart - start + k;
        if (at >= 0 && at < rows) target[at] = columnData[k];
      }
    },
  });
  return scanColumns(names, columns, rows, rules);
}

/** An Arrow utf8 column's buffers: value i is `values[offsets[i], offsets[i + 1])`, null where its validity bit is 0. */
interface Utf8Buffers {
  values: Uint8Array;
  offsets: Int32Array;
  validity: Uint8Array | null;
}

const UTF8 = 5; // Arrow's type id for utf8 (32-bit offsets)

function utf8Buffers(column: {
  data: { type: { typeId: number }; values?: unknown; offsets?: unknown; validity?: Uint8Array; nullCount: number }[];
}): Utf8Buffers | null {
  if (column.data.length !== 1) return null;
  const b = column.data[0];
  if (b.type.typeId !== UTF8 || !(b.values instanceof Uint8Array) || !(b.offsets instanceof Int32Array)) return null;
  return { values: b.values, offsets: b.offsets, validity: b.nullCount > 0 && b.validity ? b.validity : null };
}

/** Writes text value `i` of a utf8 column from its bytes (ids into the dictionary, ISO instants from digits). */
function writeUtf8(w: Writers, rule: Rule, col: Utf8Buffers, i: number): string | null {
  if (col.validity !== null && (col.validity[i >> 3] & (1 << (i & 7))) === 0) return writeValue(w, rule, null, false);
  const s = col.offsets[i];
  const e = col.offsets[i + 1];
  if (rule.kind === 'time') {
    const ms = isoUtcFromBytes(col.values, s, e);
    if (ms !== undefined) {
      w.number(rule).set(w.chunk.n, ms);
      return null;
    }
  } else if (rule.kind === 'dict' && (rule.type === undefined || rule.type === 'string')) {
    w.dict(rule).setBytes(w.chunk.n, col.values, s, e);
    return null;
  }
  return writeValue(w, rule, decodeUtf8(col.values, s, e), false);
}

/**
 * One Arrow record batch, given with its schema and dictionary messages. Text columns are read
 * from their bytes (no string per row); other columns through flechette's values.
 */
export function scanArrowBatch(messages: Uint8Array[], rules: Rules): RowsScan {
  const table = tableFromIPC(messages);
  const names = (table.names as string[]).filter((n) => rules.rule(n) !== null);
  const texts = names.map((n) => utf8Buffers(table.getChild(n) as unknown as Parameters<typeof utf8Buffers>[0]));
  const columns = names.map((n, c) => (texts[c] ? [] : (table.getChild(n).toArray() as ArrayLike<unknown>)));
  if (texts.every((t) => t === null)) return scanColumns(names, columns, table.numRows, rules);
  const chunk = new ChunkBuilder();
  const w = new Writers(chunk, rules);
  const rulesOf = names.map((n) => rules.rule(n)!);
  const n = table.numRows;
  const out: RowsScan = { chunk: null!, rows: 0, skipped: 0, error: null, invalid: [], total: n };
  for (let i = 0; i < n; i++) {
    let reason: string | null = null;
    for (let k = 0; k < names.length && reason === null; k++) {
      const text = texts[k];
      reason = text ? writeUtf8(w, rulesOf[k], text, i) : writeValue(w, rulesOf[k], columns[k][i], false);
    }
    reason ??= missingTime(w, rules);
    if (settleRow(chunk, out, rules.spec.skipInvalid, i, reason)) break;
  }
  out.chunk = chunk.finish();
  return out;
}
