/**
 * The RLE / bit-packed hybrid runs of a Parquet data page, read for the two things the page
 * decoder needs: whether a flat column's definition levels are all present (told from the runs,
 * without a level per value), and dictionary indices unpacked straight into the column's codes.
 * hyparquet's `readRleBitPackedHybrid` reads any width a bit at a time; the indices are unpacked
 * here with one 32-bit read per value (widths up to 24 bits), for speed — it stays the reader of
 * definition levels with nulls and of anything unusual: a run that reaches past the values or
 * the page is left to it, or rejected (the chunk then goes to hyparquet).
 */
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { Unsupported } from './parquet-shape.ts';

let levels = new Int32Array(1 << 14);

function levelArray(n: number): Int32Array {
  if (levels.length < n) levels = new Int32Array(Math.max(n, levels.length * 2));
  return levels.subarray(0, n);
}

/**
 * The definition levels (width 1) of `count` values in `view[at, at + length)`, or null when all
 * are 1 (no nulls: the common case, told from the runs without writing a level per value).
 */
export function definitionLevels(view: DataView, at: number, length: number, count: number): Int32Array | null {
  const end = at + length;
  let pos = at;
  let seen = 0;
  while (seen < count && pos < end) {
    let header = 0;
    let shift = 0;
    let b: number;
    do {
      b = view.getUint8(pos++);
      header |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && shift < 28);
    if (b & 0x80) break;
    if (header & 1) {
      // Bit-packed: groups of 8 values, one byte per group at width 1.
      const groups = header >>> 1;
      let k = 0;
      for (; k < groups && seen < count; k++, seen += 8) {
        const bits = count - seen >= 8 ? 0xff : (1 << (count - seen)) - 1;
        if (pos + k >= end || (view.getUint8(pos + k) & bits) !== bits) break;
      }
      if (k < groups && seen < count) break;
      pos += groups;
    } else {
      const run = header >>> 1;
      if (run === 0 || pos >= end || view.getUint8(pos) !== 1) break;
      pos++;
      seen += run;
    }
  }
  if (seen >= count) return null;
  const defs = levelArray(count);
  readRleBitPackedHybrid({ view, offset: at }, 1, defs, length);
  return defs;
}

/**
 * `out.length` dictionary indices of `width` bits from `page[at, end)` (after the width byte),
 * each below `size` (the dictionary's entries). Throws {@link Unsupported} on an index out of
 * range or a run that does not fit, where hyparquet would read on.
 */
export function readIndices(
  page: Uint8Array,
  view: DataView,
  at: number,
  end: number,
  width: number,
  out: Int32Array,
  size: number,
): void {
  if (width > 24) {
    readRleBitPackedHybrid({ view, offset: at }, width, out, end - at);
    for (let i = 0; i < out.length; i++) if (out[i] >>> 0 >= size) throw new Unsupported('dictionary index out of range');
    return;
  }
  let max = 0;
  const n = out.length;
  const mask = (1 << width) - 1;
  const valueBytes = (width + 7) >> 3;
  let pos = at;
  let seen = 0;
  while (seen < n) {
    let header = 0;
    let shift = 0;
    let b: number;
    do {
      if (pos >= end) throw new Unsupported('indices beyond their page');
      b = page[pos++];
      header |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && shift < 28);
    if (b & 0x80) throw new Unsupported('run header');
    if (header & 1) {
      const values = (header >>> 1) * 8;
      const bytes = (header >>> 1) * width;
      if (pos + bytes > end) throw new Unsupported('bit-packed run beyond its page');
      const take = Math.min(values, n - seen);
      // One 32-bit read per value while 4 bytes remain in the page, then byte by byte.
      let j = 0;
      for (; j < take; j++) {
        const bit = j * width;
        const p = pos + (bit >>> 3);
        if (p + 3 >= end) break;
        const v = (view.getUint32(p, true) >>> (bit & 7)) & mask;
        out[seen + j] = v;
        if (v > max) max = v;
      }
      for (; j < take; j++) {
        const bit = j * width;
        const p = pos + (bit >>> 3);
        let word = 0;
        for (let k = 0; k < 4 && p + k < end; k++) word |= page[p + k] << (8 * k);
        const v = (word >>> (bit & 7)) & mask;
        out[seen + j] = v;
        if (v > max) max = v;
      }
      seen += take;
      pos += bytes;
    } else {
      const run = header >>> 1;
      if (run === 0 || seen + run > n || pos + valueBytes > end) throw new Unsupported('RLE run');
      let value = 0;
      for (let k = 0; k < valueBytes; k++) value |= page[pos + k] << (8 * k);
      pos += valueBytes;
      if (value > max) max = value;
      out.fill(value, seen, seen + run);
      seen += run;
    }
  }
  if (n > 0 && max >= size) throw new Unsupported('dictionary index out of range');
}
