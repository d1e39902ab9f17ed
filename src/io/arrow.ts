/**
 * Arrow IPC (file or stream format) → raw batches, one record batch at a time. The file is
 * read message by message with positioned reads, so only the schema, the dictionaries and the
 * current record batch are in memory; flechette decodes each batch.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { tableFromIPC } from '@uwdata/flechette';
import { EventFileError } from './errors.ts';
import type { ReaderContext } from './context.ts';
import type { RawBatch } from './types.ts';

const MAGIC = 'ARROW1';
const SCHEMA = 1;
const DICTIONARY_BATCH = 2;
const RECORD_BATCH = 3;

interface Message {
  type: number;
  bytes: Uint8Array;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(bytes, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? bytes : bytes.subarray(0, done);
}

/**
 * The header type and body length of a message, read straight from its flatbuffer metadata
 * (Message table: field 1 header_type, field 3 bodyLength) so the body can be read next.
 */
export function messageInfo(meta: Uint8Array): { type: number; bodyLength: number } {
  const view = new DataView(meta.buffer, meta.byteOffset, meta.byteLength);
  const table = view.getUint32(0, true);
  const vtable = table - view.getInt32(table, true);
  const vtableSize = view.getUint16(vtable, true);
  const field = (slot: number) => (slot < vtableSize ? view.getUint16(vtable + slot, true) : 0);
  const typeAt = field(6);
  const bodyAt = field(10);
  return {
    type: typeAt ? view.getUint8(table + typeAt) : 0,
    bodyLength: bodyAt ? Number(view.getBigInt64(table + bodyAt, true)) : 0,
  };
}

async function* messages(handle: FileHandle, file: string): AsyncGenerator<Message> {
  const size = (await handle.stat()).size;
  const head = await readAt(handle, 0, 8);
  const isFile = new TextDecoder().decode(head.subarray(0, 6)) === MAGIC;
  if (!isFile) {
    const first = head.byteLength >= 4 ? new DataView(head.buffer, head.byteOffset).getInt32(0, true) : 0;
    // A stream starts with the continuation marker (or, before Arrow 0.15, a metadata length).
    if (first !== -1 && !(first > 0 && first < size)) throw new EventFileError(file, {}, 'not an Arrow IPC file');
  }
  let position = isFile ? 8 : 0;
  // The file format ends with a footer, its length and the magic again; stop before them.
  let end = size;
  if (isFile) {
    const tail = await readAt(handle, size - 10, 10);
    end = size - 10 - new DataView(tail.buffer, tail.byteOffset).getInt32(0, true);
  }
  while (position + 4 <= end) {
    const prefix = await readAt(handle, position, 8);
    const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
    let length = view.getInt32(0, true);
    let prefixSize = 4;
    if (length === -1) {
      if (prefix.byteLength < 8) break;
      length = view.getInt32(4, true);
      prefixSize = 8;
    }
    if (length === 0) return; // end-of-stream marker
    const meta = await readAt(handle, position + prefixSize, length);
    if (meta.byteLength < length) throw new EventFileError(file, {}, 'truncated Arrow IPC message');
    let info;
    try {
      info = messageInfo(meta);
    } catch {
      throw new EventFileError(file, {}, 'not an Arrow IPC file, or a corrupt message');
    }
    const { type, bodyLength } = info;
    const total = prefixSize + length + bodyLength;
    const bytes = await readAt(handle, position, total);
    if (bytes.byteLength < total) throw new EventFileError(file, {}, 'truncated Arrow IPC message body');
    yield { type, bytes };
    position += total;
  }
}

export async function* readArrowBatches(path: string, ctx: ReaderContext): AsyncGenerator<RawBatch> {
  const handle = await open(path, 'r');
  try {
    let schema: Uint8Array | null = null;
    const dictionaries: Uint8Array[] = [];
    let firstRow = 1;
    for await (const message of messages(handle, ctx.file)) {
      if (message.type === SCHEMA) schema ??= message.bytes;
      else if (message.type === DICTIONARY_BATCH) dictionaries.push(message.bytes);
      else if (message.type === RECORD_BATCH) {
        if (!schema) throw new EventFileError(ctx.file, {}, 'Arrow IPC record batch before its schema');
        let table;
        try {
          table = tableFromIPC([schema, ...dictionaries, message.bytes]);
        } catch (e) {
          throw new EventFileError(ctx.file, { row: firstRow }, `cannot decode Arrow record batch: ${(e as Error).message}`);
        }
        const names = (table.names as string[]).filter((n) => !ctx.columns || ctx.columns.includes(n));
        const all = names.map((n) => Array.from(table.getChild(n).toArray() as ArrayLike<unknown>));
        for (let start = 0; start < table.numRows; start += ctx.chunkRows) {
          const rows = Math.min(ctx.chunkRows, table.numRows - start);
          const columns = rows === table.numRows ? all : all.map((c) => c.slice(start, start + rows));
          yield { names, rows, columns, kind: 'row', positions: [], firstRow: firstRow + start, skipped: 0 };
        }
        firstRow += table.numRows;
      }
    }
    if (!schema) throw new EventFileError(ctx.file, {}, 'not an Arrow IPC file (no schema message)');
  } finally {
    await handle.close();
  }
}
