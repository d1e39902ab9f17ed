/**
 * One Parquet column chunk's pages → a {@link BatchColumn}, without a JS value per cell.
 * Handled: dictionary pages, v1 and v2 data pages, PLAIN values and RLE_DICTIONARY /
 * PLAIN_DICTIONARY indices, RLE definition levels of a flat column (max level 1), no
 * compression or snappy. Anything else throws {@link Unsupported}, and the caller hands the
 * chunk to hyparquet, which reads it (or fails on it) as it always did.
 *
 * hyparquet's own pieces do what it exports: page headers (`parquetHeader`, its Thrift reader)
 * and the RLE / bit-packed hybrid reader (`readRleBitPackedHybrid`). What is written here is what
 * hyparquet only has in value-per-cell form (levels → validity, values → typed arrays), and
 * snappy, for speed: through WebAssembly where that is faster, else into this thread's reused
 * page buffer (see ./parquet-snappy-wasm.ts and ./parquet-snappy.ts).
 */
import type { ColumnMetaData, PageHeader } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import type { BatchColumn } from './columnar.ts';
import { definitionLevels, readIndices } from './parquet-hybrid.ts';
import { type Shape, Unsupported } from './parquet-shape.ts';
import { SNAPPY_SLACK, snappyInto } from './parquet-snappy.ts';
import { releaseSnappyWasm, snappyPages, snappyWasm } from './parquet-snappy-wasm.ts';
import { ColumnValues, Scratch } from './parquet-values.ts';

let pageBuffer = new Uint8Array(1 << 20);
let indices = new Int32Array(1 << 14);

/** Lets go of the page buffers once grown past `limit` bytes (a file of huge pages). */
export function releasePageBuffer(limit: number): void {
  if (pageBuffer.length > limit) pageBuffer = new Uint8Array(1 << 20);
  releaseSnappyWasm(limit);
}

function uncompressed(codec: string, bytes: Uint8Array, size: number, fresh: boolean): Uint8Array {
  if (codec === 'UNCOMPRESSED') {
    if (bytes.length !== size) throw new Unsupported('page size');
    return bytes;
  }
  if (codec !== 'SNAPPY') throw new Unsupported(`codec ${codec}`);
  const page = snappyWasm(bytes, size);
  if (page !== null) return page;
  snappyPages.own++;
  const room = size + SNAPPY_SLACK;
  if (!fresh && pageBuffer.length < room)
    pageBuffer = new Uint8Array(Math.max(room, pageBuffer.length + (pageBuffer.length >> 2)));
  const out = fresh ? new Uint8Array(room) : pageBuffer;
  snappyInto(bytes, out, size);
  return out.subarray(0, size);
}

function indexArray(n: number): Int32Array {
  if (indices.length < n) indices = new Int32Array(Math.max(n, indices.length * 2));
  return indices.subarray(0, n);
}

/**
 * Decodes a column chunk (`bytes`: all its pages, dictionary first) of a flat column with
 * `maxDef` 0 (required) or 1 (optional) into `rows` rows, in `scratch`'s arrays.
 */
export function decodeChunk(
  bytes: Uint8Array,
  meta: ColumnMetaData,
  shape: Shape,
  maxDef: number,
  rows: number,
  scratch: Scratch,
): BatchColumn {
  const out = new ColumnValues(shape, rows, scratch);
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  while (out.r < rows) {
    if (reader.offset >= bytes.length) throw new Unsupported('column chunk ends early');
    const header = parquetHeader(reader);
    const body = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
    if (body.length !== header.compressed_page_size) throw new Unsupported('page beyond its chunk');
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const d = header.dictionary_page_header;
      if (!d || out.dictionary !== null || out.r > 0 || (d.encoding !== 'PLAIN' && d.encoding !== 'PLAIN_DICTIONARY')) {
        throw new Unsupported('dictionary page');
      }
      out.dictionary = readDictionary(shape, uncompressed(meta.codec, body, header.uncompressed_page_size, true), d.num_values);
    } else if (header.type === 'DATA_PAGE') dataPageV1(out, header, body, meta.codec, maxDef);
    else if (header.type === 'DATA_PAGE_V2') dataPageV2(out, header, body, meta.codec, maxDef);
    else throw new Unsupported(`page type ${header.type}`);
  }
  return out.finish();
}

function dataPageV1(out: ColumnValues, header: PageHeader, body: Uint8Array, codec: string, maxDef: number): void {
  const h = header.data_page_header;
  if (!h) throw new Unsupported('data page header');
  const page = uncompressed(codec, body, header.uncompressed_page_size, false);
  const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
  let defs: Int32Array | null = null;
  if (maxDef > 0) {
    if (h.definition_level_encoding !== 'RLE') throw new Unsupported('definition levels');
    const length = reader.view.getUint32(0, true);
    defs = definitionLevels(reader.view, 4, length, h.num_values);
    reader.offset = 4 + length;
  }
  values(out, h.encoding, page, reader.offset, page.length, h.num_values, defs);
}

function dataPageV2(out: ColumnValues, header: PageHeader, body: Uint8Array, codec: string, maxDef: number): void {
  const h = header.data_page_header_v2;
  if (h?.repetition_levels_byte_length !== 0) throw new Unsupported('data page v2 header');
  const defLength = h.definition_levels_byte_length;
  let defs: Int32Array | null = null;
  if (maxDef > 0) {
    defs = definitionLevels(new DataView(body.buffer, body.byteOffset, body.byteLength), 0, defLength, h.num_values);
  } else if (defLength !== 0) throw new Unsupported('definition levels of a required column');
  const rest = body.subarray(defLength);
  const size = header.uncompressed_page_size - defLength;
  const page = h.is_compressed === false ? rest : uncompressed(codec, rest, size, false);
  values(out, h.encoding, page, 0, page.length, h.num_values, defs);
}

/** A data page's values from `at`, one row per level (`defs` null: every row present). */
function values(
  out: ColumnValues,
  encoding: string,
  page: Uint8Array,
  at: number,
  end: number,
  count: number,
  defs: Int32Array | null,
): void {
  if (out.r + count > out.rows) throw new Unsupported('more values than rows');
  let present = count;
  if (defs !== null) {
    present = 0;
    for (let i = 0; i < count; i++) {
      const d = defs[i];
      if (d === 1) present++;
      else if (d !== 0) throw new Unsupported('definition level');
    }
  }
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  if (encoding === 'PLAIN') {
    if (present === count) {
      if (out.shape.kind === 'text') {
        out.plainText(page, view, at, end, count);
        return;
      }
      if (out.plainNumbers(page, at, end, count)) return;
    }
    out.uncode();
    for (let i = 0; i < count; i++) {
      if (defs !== null && defs[i] === 0) out.writeNull();
      else at = out.readPlainValue(page, view, at);
    }
    if (at > end) throw new Unsupported('values beyond their page');
    return;
  }
  if (encoding !== 'RLE_DICTIONARY' && encoding !== 'PLAIN_DICTIONARY') throw new Unsupported(`encoding ${encoding}`);
  if (out.dictionary === null) throw new Unsupported('dictionary-coded page without a dictionary');
  const direct = out.coded && present === count;
  // Every row present: the indices are the column's codes, decoded in place.
  const codes = direct ? out.codes().subarray(out.r, out.r + count) : indexArray(present);
  const width = view.getUint8(at);
  if (width > 32) throw new Unsupported('index width');
  if (width === 0) codes.fill(0);
  else if (present > 0) readIndices(page, view, at + 1, end, width, codes, out.dictionarySize());
  if (direct) {
    if (count > 0 && width === 0 && out.dictionarySize() === 0) throw new Unsupported('dictionary index out of range');
    out.validRange(out.r, out.r + count);
    out.r += count;
    return;
  }
  let j = 0;
  for (let i = 0; i < count; i++) {
    if (defs !== null && defs[i] === 0) out.writeNull();
    else out.writeCode(codes[j++]);
  }
}

/** A dictionary page's PLAIN values as a column of its own (fresh arrays: the codes refer to it). */
export function readDictionary(shape: Shape, page: Uint8Array, count: number): BatchColumn {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const values = new ColumnValues(shape, count, new Scratch());
  values.uncode();
  let at = 0;
  for (let i = 0; i < count; i++) at = values.readPlainValue(page, view, at);
  const out = values.finish();
  if (out.kind === 'utf8') return { ...out, values: out.values.slice(), validity: null };
  if (out.kind === 'number') return { ...out, validity: null };
  throw new Unsupported('dictionary');
}
