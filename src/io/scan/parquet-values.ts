/**
 * A decoded Parquet column chunk as it is being filled, row by row over its pages: either
 * dictionary codes (while every data page is dictionary-encoded) or plain values (text as bytes
 * plus offsets, numbers in a typed array), with a validity bit per row. A plain page after
 * dictionary pages (writers fall back to plain when a dictionary grows too big) turns the codes
 * written so far into plain values. Values of one type are read by {@link readPlainValue} from a
 * page, and int64s become exact numbers or fail the chunk (it then goes to hyparquet).
 *
 * The arrays belong to the decoding thread and are reused by its next row group: a chunk's
 * columns are written into the engine's chunk before the next group is read.
 */
import type { BatchColumn } from './columnar.ts';
import { DATE_LIMIT, int64At } from './parquet-int64.ts';
import { type Shape, Unsupported } from './parquet-shape.ts';

/** Grow-only arrays kept by one column slot of this thread. */
export class Scratch {
  bytes = new Uint8Array(1 << 16);
  /** A view of `bytes` (null once `bytes` is replaced). */
  view: DataView | null = null;
  offsets = new Int32Array(0);
  codes = new Int32Array(0);
  validity = new Uint8Array(0);
  f64 = new Float64Array(0);
  f32 = new Float32Array(0);
  i32 = new Int32Array(0);

  /** Bytes held. */
  size(): number {
    return (
      this.bytes.length + 4 * (this.offsets.length + this.codes.length + this.f32.length + this.i32.length) + 8 * this.f64.length
    );
  }
}

export class ColumnValues {
  /** Rows written so far. */
  r = 0;
  nulls = 0;
  dictionary: BatchColumn | null = null;
  /** Whether rows so far are dictionary codes (until a plain page comes). */
  coded = true;
  private pos = 0;

  constructor(
    readonly shape: Shape,
    readonly rows: number,
    readonly s: Scratch,
  ) {
    const bitmap = (rows + 7) >> 3;
    if (s.validity.length < bitmap) s.validity = new Uint8Array(bitmap);
    s.validity.fill(0, 0, bitmap);
  }

  /** The codes array, `rows` long (made on first use: a plain column has none). */
  codes(): Int32Array {
    if (this.s.codes.length < this.rows) this.s.codes = new Int32Array(this.rows);
    return this.s.codes;
  }

  /** Makes the plain values' arrays, on leaving the codes (a coded column needs none). */
  private plainArrays(): void {
    const { s, rows } = this;
    const store = this.store();
    if (store === 'text') {
      if (s.offsets.length < rows + 1) s.offsets = new Int32Array(rows + 1);
      s.offsets[0] = 0;
    } else if (store === 'f64' && s.f64.length < rows) s.f64 = new Float64Array(rows);
    else if (store === 'f32' && s.f32.length < rows) s.f32 = new Float32Array(rows);
    else if (store === 'i32' && s.i32.length < rows) s.i32 = new Int32Array(rows);
  }

  private store(): 'text' | 'f64' | 'f32' | 'i32' {
    const k = this.shape.kind;
    return k === 'text' ? 'text' : k === 'float' ? 'f32' : k === 'int32' && this.shape.scale === 1 ? 'i32' : 'f64';
  }

  /** Marks row r present. */
  valid(): void {
    this.s.validity[this.r >> 3] |= 1 << (this.r & 7);
  }

  /** Marks rows `[from, to)` present. */
  validRange(from: number, to: number): void {
    const v = this.s.validity;
    let i = from;
    for (; i < to && (i & 7) !== 0; i++) v[i >> 3] |= 1 << (i & 7);
    const whole = to & ~7;
    if (i < whole) {
      v.fill(0xff, i >> 3, whole >> 3);
      i = whole;
    }
    for (; i < to; i++) v[i >> 3] |= 1 << (i & 7);
  }

  /**
   * `count` PLAIN byte arrays from `at`, every row present; returns the offset after them. Values
   * are copied a 32-bit word at a time (a value's last word may run up to 3 bytes past its end:
   * the next value overwrites them, and the room reserved is the page's, which holds a 4-byte
   * length per value besides the bytes).
   */
  plainText(page: Uint8Array, view: DataView, at: number, end: number, count: number): number {
    this.uncode();
    if (this.pos + (end - at) > this.s.bytes.length) this.reserve(end - at);
    const bytes = this.s.bytes;
    const out = (this.s.view ??= new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const offsets = this.s.offsets;
    let p = this.pos;
    let r = this.r;
    for (let i = 0; i < count; i++) {
      if (at + 4 > end) throw new Unsupported('byte array beyond its page');
      const len = view.getUint32(at, true);
      at += 4;
      const e = at + len;
      if (e > end) throw new Unsupported('byte array beyond its page');
      if (len > 64) bytes.set(page.subarray(at, e), p);
      else if (e + 3 <= end) for (let k = 0; k < len; k += 4) out.setUint32(p + k, view.getUint32(at + k, true), true);
      else for (let k = 0; k < len; k++) bytes[p + k] = page[at + k];
      p += len;
      at = e;
      offsets[++r] = p;
    }
    this.validRange(this.r, r);
    this.pos = p;
    this.r = r;
    return at;
  }

  /**
   * `count` PLAIN numbers from `at` copied as they are (little-endian int32, float, double: the
   * byte order of every platform the library runs on), every row present; false when the column's
   * values need converting (int64s, dates), which {@link readPlainValue} does one by one.
   */
  plainNumbers(page: Uint8Array, at: number, end: number, count: number): boolean {
    const k = this.shape.kind;
    if (k !== 'double' && k !== 'float' && !(k === 'int32' && this.shape.scale === 1)) return false;
    this.uncode();
    const target = this.numbers();
    const w = target.BYTES_PER_ELEMENT;
    if (at + count * w > end) throw new Unsupported('values beyond their page');
    new Uint8Array(target.buffer, target.byteOffset + this.r * w, count * w).set(page.subarray(at, at + count * w));
    this.validRange(this.r, this.r + count);
    this.r += count;
    return true;
  }

  private reserve(more: number): void {
    // A quarter more, not twice: one chunk's text is about the size of the next one's.
    const next = new Uint8Array(Math.max(this.pos + more, this.s.bytes.length + (this.s.bytes.length >> 2)));
    next.set(this.s.bytes.subarray(0, this.pos));
    this.s.bytes = next;
    this.s.view = null;
  }

  /** Writes a null at row r. */
  writeNull(): void {
    if (this.coded) this.codes()[this.r] = 0;
    else if (this.shape.kind === 'text') this.s.offsets[this.r + 1] = this.pos;
    else this.numbers()[this.r] = 0;
    this.nulls++;
    this.r++;
  }

  /** Entries in the dictionary (0 without one). */
  dictionarySize(): number {
    return this.dictionary === null ? 0 : dictLength(this.dictionary);
  }

  /** Writes dictionary entry `code` at row r. */
  writeCode(code: number): void {
    const dict = this.dictionary;
    if (dict === null || code < 0 || code >= dictLength(dict)) throw new Unsupported('dictionary index out of range');
    this.valid();
    if (this.coded) this.codes()[this.r] = code;
    else this.copyEntry(dict, code);
    this.r++;
  }

  /** Ends the dictionary-coded prefix: its rows become plain values. */
  uncode(): void {
    if (!this.coded) return;
    this.coded = false;
    this.plainArrays();
    const n = this.r;
    this.r = 0;
    const valid = this.s.validity;
    for (let i = 0; i < n; i++) {
      if ((valid[i >> 3] & (1 << (i & 7))) === 0) {
        this.writeNull();
        this.nulls--;
      } else {
        this.copyEntry(this.dictionary!, this.s.codes[i]);
        this.r++;
      }
    }
  }

  private copyEntry(dict: BatchColumn, code: number): void {
    if (dict.kind === 'utf8') {
      const s = dict.offsets[code];
      const e = dict.offsets[code + 1];
      this.appendBytes(dict.values, s, e);
    } else if (dict.kind === 'number') this.numbers()[this.r] = dict.values[code];
  }

  numbers(): Float64Array | Float32Array | Int32Array {
    const k = this.store();
    return k === 'f32' ? this.s.f32 : k === 'i32' ? this.s.i32 : this.s.f64;
  }

  private appendBytes(src: Uint8Array, s: number, e: number): void {
    const len = e - s;
    if (this.pos + len > this.s.bytes.length) this.reserve(len);
    const bytes = this.s.bytes;
    let p = this.pos;
    if (len > 32) bytes.set(src.subarray(s, e), p);
    else for (let i = s; i < e; i++) bytes[p++] = src[i];
    this.pos += len;
    this.s.offsets[this.r + 1] = this.pos;
  }

  /** Reads the next plain value from `page` at `at` into row r; returns the offset after it. */
  readPlainValue(page: Uint8Array, view: DataView, at: number): number {
    this.valid();
    const shape = this.shape;
    if (shape.kind === 'text') {
      const len = view.getUint32(at, true);
      const s = at + 4;
      if (s + len > page.length) throw new Unsupported('byte array beyond its page');
      this.appendBytes(page, s, s + len);
      this.r++;
      return s + len;
    }
    const r = this.r++;
    switch (shape.kind) {
      case 'int32':
        if (shape.scale === 1) this.s.i32[r] = view.getInt32(at, true);
        else {
          const ms = view.getInt32(at, true) * shape.scale;
          if (Math.abs(ms) > DATE_LIMIT) throw new Unsupported('date beyond a Date');
          this.s.f64[r] = ms;
        }
        return at + 4;
      case 'float':
        this.s.f32[r] = view.getFloat32(at, true);
        return at + 4;
      case 'double':
        this.s.f64[r] = view.getFloat64(at, true);
        return at + 8;
      case 'int64':
        this.s.f64[r] = int64At(view, at, shape.unit);
        return at + 8;
    }
  }

  /** The chunk's column: views of this thread's arrays, valid until its next row group. */
  finish(): BatchColumn {
    const n = this.r;
    if (n !== this.rows) throw new Unsupported('column chunk rows differ from the row group');
    const validity = this.nulls === 0 ? null : this.s.validity.subarray(0, (n + 7) >> 3);
    if (this.coded && this.dictionary !== null) {
      return { kind: 'dictionary', codes: this.codes().subarray(0, n), dictionary: this.dictionary, validity };
    }
    if (this.coded) this.uncode(); // no data page was dictionary-coded (or no rows)
    if (this.shape.kind === 'text') {
      return { kind: 'utf8', values: this.s.bytes.subarray(0, this.pos), offsets: this.s.offsets.subarray(0, n + 1), validity };
    }
    return { kind: 'number', values: this.numbers().subarray(0, n), validity };
  }
}

export function dictLength(d: BatchColumn): number {
  return d.kind === 'utf8' ? d.offsets.length - 1 : d.kind === 'number' ? d.values.length : 0;
}
