/**
 * Cutting an input into scan tasks: text files into byte ranges, text streams into blocks that
 * end at a line break, Parquet into row groups, Arrow IPC into record batches. Planning reads
 * only what it must (a CSV header, Parquet's footer, Arrow's message headers).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { messageInfo } from '../arrow.ts';
import { EventFileError } from '../errors.ts';
import { sharedBuffer } from '../../engine/buffers.ts';
import { openParquet } from './parquet.ts';
import { readCsvHeader, type CsvHeader } from './csv.ts';
import type { ByteSource } from './input.ts';
import type { ScanSpec } from './rules.ts';
import type { ScanTask } from './task.ts';
import type { AsyncBuffer } from 'hyparquet';

/** Reads `length` bytes at `at` (fewer at the end). */
export type ReadAt = (at: number, length: number) => Uint8Array;

export function fileReader(path: string): { readAt: ReadAt; size: number; close(): void } {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    readAt(at, length) {
      const out = new Uint8Array(Math.max(0, Math.min(length, size - at)));
      let done = 0;
      while (done < out.length) {
        const n = readSync(fd, out, done, out.length - done, at + done);
        if (n === 0) break;
        done += n;
      }
      return out.subarray(0, done);
    },
    close: () => closeSync(fd),
  };
}

export function bytesReader(bytes: Uint8Array): ReadAt {
  return (at, length) => bytes.subarray(at, Math.min(bytes.length, at + length));
}

function hasBom(b: Uint8Array): boolean {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/** The header of a CSV file and where its data starts (after a BOM and the header record). */
export function csvHeaderOf(readAt: ReadAt, size: number, delimiter: number, file: string): CsvHeader & { dataStart: number } {
  const bom = hasBom(readAt(0, 3)) ? 3 : 0;
  for (let length = 1 << 16; ; length *= 4) {
    const bytes = readAt(bom, length);
    const final = bom + bytes.length >= size;
    const header = readCsvHeader(bytes, delimiter, final);
    if (header === null) continue;
    if ('reason' in header) throw new EventFileError(file, { line: header.line }, header.reason);
    return { ...header, dataStart: bom + header.end };
  }
}

/** Byte ranges of a text file, `piece` bytes each. */
export function* textRanges(
  kind: 'ndjson' | 'csv',
  path: string,
  size: number,
  start: number,
  piece: number,
  spec: ScanSpec,
  csv?: { names: string[]; delimiter: number },
): Generator<ScanTask> {
  for (let at = start, first = true; at < size || first; at += piece, first = false) {
    yield { kind, spec, path, start: at, end: Math.min(size, at + piece), exact: first, csv };
    if (at >= size) return;
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(sharedBuffer(total));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A text stream as blocks of about `piece` bytes, each ending after a line break (for CSV, one
 * where the quotes seen so far are balanced, so the break is very likely a record's end; the
 * scan checks it and re-reads a block that began inside a record). A BOM is dropped; CSV's first
 * block starts after the header, whose lines come back in `header`.
 */
export async function* streamBlocks(
  source: ByteSource,
  piece: number,
  csvDelimiter: number | null,
  file: string,
  header: { value?: CsvHeader },
): AsyncGenerator<{ bytes: Uint8Array; start: number; final: boolean }> {
  let parts: Uint8Array[] = [];
  let held = 0;
  let offset = 0; // bytes of the stream handed out so far
  let first = true;
  let quotes = 0; // quote parity from the block start to `scanned`
  const take = (all: Uint8Array, cut: number) => {
    const block = { bytes: all.subarray(0, cut), start: offset, final: false };
    offset += cut;
    const rest = all.subarray(cut);
    parts = rest.length ? [rest.slice()] : [];
    held = rest.length;
    return block;
  };
  const lastCut = (all: Uint8Array): number => {
    if (csvDelimiter === null) return all.lastIndexOf(10) + 1;
    let cut = 0;
    let q = 0;
    for (let i = 0; i < all.length; i++) {
      const c = all[i];
      if (c === 34) q ^= 1;
      else if (c === 10 && q === 0) cut = i + 1;
    }
    quotes = q;
    return cut;
  };
  for await (let block of source.blocks) {
    if (first && block.length > 0) {
      first = false;
      if (hasBom(block)) block = block.subarray(3);
    }
    parts.push(block);
    held += block.length;
    if (csvDelimiter !== null && header.value === undefined) {
      const all = concat(parts, held);
      const h = readCsvHeader(all, csvDelimiter, false);
      if (h === null) continue;
      if ('reason' in h) throw new EventFileError(file, { line: h.line }, h.reason);
      header.value = h;
      parts = [all.subarray(h.end).slice()];
      held -= h.end;
    }
    if (held < piece) continue;
    const all = concat(parts, held);
    const cut = lastCut(all);
    if (cut > 0) yield take(all, cut);
  }
  void quotes;
  const all = concat(parts, held);
  if (csvDelimiter !== null && header.value === undefined) {
    const h = readCsvHeader(all, csvDelimiter, true);
    if (h !== null && 'reason' in h) throw new EventFileError(file, { line: h.line }, h.reason);
    header.value = h ?? { names: [], end: all.length, lines: 0 };
    yield { bytes: all.subarray(header.value.end), start: 0, final: true };
    return;
  }
  yield { bytes: all, start: offset, final: true };
}

/** Row groups of a Parquet file, with their first rows. */
export async function parquetGroups(source: string | AsyncBuffer, file: string): Promise<{ rows: number; bytes: number }[]> {
  let metadata;
  try {
    ({ metadata } = await openParquet(source));
  } catch (e) {
    throw new EventFileError(file, {}, `not a Parquet file (${(e as Error).message})`);
  }
  return metadata.row_groups.map((g) => ({
    rows: Number(g.num_rows),
    bytes: g.columns.reduce((s, c) => s + Number(c.meta_data?.total_compressed_size ?? 0), 0),
  }));
}

const SCHEMA = 1;
const DICTIONARY_BATCH = 2;
const RECORD_BATCH = 3;

export interface ArrowIndex {
  schema: { at: number; length: number };
  dictionaries: { at: number; length: number }[];
  /** Record batches, each with the dictionary messages before it. */
  batches: { at: number; length: number; dictionaries: number }[];
}

/** The messages of an Arrow IPC file or stream, from their headers alone. */
export function indexArrow(readAt: ReadAt, size: number, file: string): ArrowIndex {
  const head = readAt(0, 8);
  const isFile = new TextDecoder().decode(head.subarray(0, 6)) === 'ARROW1';
  if (!isFile) {
    const first = head.byteLength >= 4 ? new DataView(head.buffer, head.byteOffset).getInt32(0, true) : 0;
    if (first !== -1 && !(first > 0 && first < size)) throw new EventFileError(file, {}, 'not an Arrow IPC file');
  }
  let position = isFile ? 8 : 0;
  let end = size;
  if (isFile) {
    const tail = readAt(size - 10, 10);
    end = size - 10 - new DataView(tail.buffer, tail.byteOffset).getInt32(0, true);
  }
  let schema: ArrowIndex['schema'] | null = null;
  const dictionaries: ArrowIndex['dictionaries'] = [];
  const batches: ArrowIndex['batches'] = [];
  while (position + 4 <= end) {
    const prefix = readAt(position, 8);
    const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
    let length = view.getInt32(0, true);
    let prefixSize = 4;
    if (length === -1) {
      if (prefix.byteLength < 8) break;
      length = view.getInt32(4, true);
      prefixSize = 8;
    }
    if (length === 0) break;
    const meta = readAt(position + prefixSize, length);
    if (meta.byteLength < length) throw new EventFileError(file, {}, 'truncated Arrow IPC message');
    let info;
    try {
      info = messageInfo(meta);
    } catch {
      throw new EventFileError(file, {}, 'not an Arrow IPC file, or a corrupt message');
    }
    const total = prefixSize + length + info.bodyLength;
    if (position + total > size) throw new EventFileError(file, {}, 'truncated Arrow IPC message body');
    const at = { at: position, length: total };
    if (info.type === SCHEMA) schema ??= at;
    else if (info.type === DICTIONARY_BATCH) dictionaries.push(at);
    else if (info.type === RECORD_BATCH) {
      if (!schema) throw new EventFileError(file, {}, 'Arrow IPC record batch before its schema');
      batches.push({ ...at, dictionaries: dictionaries.length });
    }
    position += total;
  }
  if (!schema) throw new EventFileError(file, {}, 'not an Arrow IPC file (no schema message)');
  return { schema, dictionaries, batches };
}
