/**
 * Parquet row groups → chunks. A flat column of a common shape (see ./parquet-shape.ts) is read
 * by the own page decoder (./parquet-pages.ts): one read of its column chunk into this thread's
 * buffer, pages straight into typed arrays (text bytes, dictionary codes, numbers), no JS value
 * per cell. Any other column — nested, INT96, decimal, compressed other than snappy, an
 * encoding the decoder does not read, an int64 beyond ±2^53 — is read by hyparquet as before:
 * one JS value per cell (int64s as BigInt, timestamps as Dates), which the declared-type rules
 * read (or reject) exactly as the decoder's columns are read.
 *
 * Measured on the 5M-event bench file (`recompute`, two workers, three runs each on a loaded
 * machine, the same build with every column through hyparquet beside it): CPU 5.3 s → 2.1 s,
 * peak RSS 546–586 MB → 389–397 MB, the same rows. hyparquet's way spent its time making and
 * collecting a string or BigInt per cell.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
} from 'hyparquet';
import { type BatchColumn, type RowsScan, scanBatch } from './columnar.ts';
import { decodeChunk, releasePageBuffer } from './parquet-pages.ts';
import { shapeOf } from './parquet-shape.ts';
import { Scratch } from './parquet-values.ts';
import type { Rules } from './rules.ts';

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

/** A byte buffer (shared, perhaps) as hyparquet's AsyncBuffer, copying only the slices it asks for. */
export function parquetBuffer(bytes: Uint8Array): AsyncBuffer {
  return {
    byteLength: bytes.byteLength,
    slice: (start: number, end?: number) => bytes.slice(start, end ?? bytes.byteLength).buffer,
  };
}

/** What a row group's scan reports, with the file bytes its column chunks span (for progress). */
export interface GroupScan extends RowsScan {
  bytes: number;
}

// This thread's buffers: the column chunk being read, and each column slot's decoded arrays.
// A group is decoded and written into its chunk with no await in between, so the next task on
// the thread finds them free.
let readBuffer = new Uint8Array(1 << 20);
const scratches: Scratch[] = [];
/** Past this size a thread's buffers are let go after the group: huge row groups are rare, and a long-lived process should not keep their buffers. */
const KEEP = 32 << 20;

function releaseLarge(): void {
  if (readBuffer.length > KEEP) readBuffer = new Uint8Array(1 << 20);
  for (let c = 0; c < scratches.length; c++)
    if (scratches[c] !== undefined && scratches[c].size() > KEEP) scratches[c] = new Scratch();
  releasePageBuffer(KEEP);
}

function readChunk(source: string | Uint8Array, fd: number, at: number, length: number): Uint8Array {
  if (typeof source !== 'string') return source.subarray(at, at + length);
  if (readBuffer.length < length) readBuffer = new Uint8Array(Math.max(length, readBuffer.length + (readBuffer.length >> 2)));
  const out = readBuffer.subarray(0, length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, at + done);
    if (n === 0) break;
    done += n;
  }
  return out.subarray(0, done);
}

/** Columns `names` of rows `[start, start + rows)`, as hyparquet's values. */
async function readValues(file: AsyncBuffer, metadata: FileMetaData, names: string[], start: number, rows: number) {
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
  return columns;
}

/** Columns read so far on this thread by the own decoder and by hyparquet (tests check the decoder was used). */
export const parquetReads = { own: 0, hyparquet: 0 };

/**
 * Row group `group` of a Parquet file (a path, or the file's bytes). With `own` false every
 * column goes through hyparquet: the slow obvious path the decoder is tested against.
 */
export async function scanParquetGroup(source: string | Uint8Array, group: number, rules: Rules, own = true): Promise<GroupScan> {
  const { file, metadata } = await openParquet(typeof source === 'string' ? source : parquetBuffer(source));
  const names = parquetColumns(metadata, rules);
  let start = 0;
  for (let g = 0; g < group; g++) start += Number(metadata.row_groups[g].num_rows);
  const rowGroup = metadata.row_groups[group];
  const rows = Number(rowGroup.num_rows);
  const schema = parquetSchema(metadata).children;
  const plans = names.map((name) => {
    const element = schema.find((c) => c.element.name === name)!;
    const chunk = rowGroup.columns.find(
      (c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name,
    );
    const meta = chunk?.meta_data;
    const shape =
      own && meta && !chunk.file_path && element.children.length === 0 ? shapeOf(element.element, meta, rules.rule(name)!) : null;
    return { meta, shape, maxDef: element.element.repetition_type === 'REQUIRED' ? 0 : 1 };
  });
  let fromHyparquet = names.filter((_, c) => plans[c].shape === null);
  for (;;) {
    const values = fromHyparquet.length ? await readValues(file, metadata, fromHyparquet, start, rows) : [];
    // From here to the chunk, no await: this thread's buffers hold the decoded columns.
    const fd = typeof source === 'string' ? openSync(source, 'r') : -1;
    const columns: BatchColumn[] = [];
    let failed: string | null = null;
    try {
      for (let c = 0; c < names.length && failed === null; c++) {
        const k = fromHyparquet.indexOf(names[c]);
        if (k >= 0) {
          columns.push({ kind: 'values', values: values[k] });
          continue;
        }
        const { meta, shape, maxDef } = plans[c];
        const at = Number(meta!.dictionary_page_offset || meta!.data_page_offset);
        const bytes = readChunk(source, fd, at, Number(meta!.total_compressed_size));
        try {
          columns.push(decodeChunk(bytes, meta!, shape!, maxDef, rows, (scratches[c] ??= new Scratch())));
        } catch {
          failed = names[c]; // hyparquet reads it, or reports what is wrong with it
        }
      }
    } finally {
      if (fd >= 0) closeSync(fd);
    }
    if (failed !== null) {
      fromHyparquet = names.filter((n) => n === failed || fromHyparquet.includes(n));
      continue;
    }
    parquetReads.hyparquet += fromHyparquet.length;
    parquetReads.own += names.length - fromHyparquet.length;
    const scan = scanBatch(names, columns, rows, rules);
    releaseLarge();
    return { ...scan, bytes: groupBytes(metadata, group) };
  }
}

/** The file bytes a row group's column chunks span. */
function groupBytes(metadata: FileMetaData, group: number): number {
  let bytes = 0;
  for (const c of metadata.row_groups[group].columns) if (c.meta_data) bytes += Number(c.meta_data.total_compressed_size);
  return bytes;
}
