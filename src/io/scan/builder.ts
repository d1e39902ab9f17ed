/**
 * Builds one {@link ColumnChunk} row by row without a JS object per row: each column is a
 * growable typed array written at the current row, and a row that turns out to be malformed is
 * rolled back by shortening the columns it touched. Columns a row leaves out are filled with
 * null (NaN / -1) lazily, when the column is next written or the chunk is finished.
 *
 * A finished chunk's arrays are plain (not shared) memory of their own, so a worker can hand
 * them over to the main thread (see ./worker.ts): shared memory a worker made stays alive until
 * that worker's next garbage collection, and an idle worker has none, which kept every chunk of
 * a load resident after the store had gathered and dropped it.
 */
import type { ChunkColumn, ColumnChunk } from '../../engine/store/chunk.ts';
import { ByteDict } from './byte-dict.ts';
import { isoUtcInto } from './numbers.ts';

const INITIAL = 4096;

/**
 * Growable arrays of finished builders, kept for the next chunk on this thread: a chunk's
 * columns grow by doubling, and without reuse every task left about twice its columns' size as
 * garbage (measured: 50–75 MB per scan worker at 5M events, resident until the worker's next
 * collection). An array is taken out while a builder uses it, so concurrent scans never share one.
 */
const SPARES = 4;
const spareNumbers: Float64Array[] = [];
const spareCodes: Int32Array[] = [];

export class NumberBuilder {
  readonly kind = 'number';
  values = spareNumbers.pop() ?? new Float64Array(INITIAL);
  len = 0;

  set(row: number, v: number): void {
    if (row >= this.values.length) this.grow(row);
    if (this.len < row) this.values.fill(NaN, this.len, row);
    this.values[row] = v;
    this.len = row + 1;
  }

  /**
   * {@link set} of the instant {@link isoUtcInto} reads from `bytes[s, e)`, written in place (no
   * number boxed per row); false, with nothing set, when the text is no instant of that form.
   */
  setIsoUtc(row: number, view: DataView, bytes: Uint8Array, s: number, e: number): boolean {
    if (row >= this.values.length) this.grow(row);
    if (!isoUtcInto(view, bytes, s, e, this.values, row)) return false;
    if (this.len < row) this.values.fill(NaN, this.len, row);
    this.len = row + 1;
    return true;
  }

  private grow(row: number): void {
    const next = new Float64Array(Math.max(row + 1, this.values.length * 2));
    next.set(this.values.subarray(0, this.len));
    this.values = next;
  }

  finish(n: number): ChunkColumn {
    const out = new Float64Array(n);
    out.set(this.values.subarray(0, Math.min(this.len, n)));
    if (this.len < n) out.fill(NaN, this.len, n);
    if (spareNumbers.length < SPARES) spareNumbers.push(this.values);
    this.values = new Float64Array(0);
    this.len = 0;
    return { kind: 'number', values: out };
  }
}

export class DictBuilder {
  readonly kind = 'dict';
  codes = spareCodes.pop() ?? new Int32Array(INITIAL);
  len = 0;
  readonly dict = new ByteDict();

  set(row: number, code: number): void {
    if (row >= this.codes.length) this.grow(row);
    if (this.len < row) this.codes.fill(-1, this.len, row);
    this.codes[row] = code;
    this.len = row + 1;
  }

  /** Writes a value (a string from bytes is cheaper through {@link setBytes}). */
  setValue(row: number, v: unknown): void {
    this.set(row, v === null || v === undefined ? -1 : this.dict.code(v));
  }

  /** Writes the UTF-8 text `bytes[start, end)` without building a string unless it is new. */
  setBytes(row: number, bytes: Uint8Array, start: number, end: number): void {
    this.set(row, this.dict.codeOfBytes(bytes, start, end));
  }

  private grow(row: number): void {
    const next = new Int32Array(Math.max(row + 1, this.codes.length * 2));
    next.set(this.codes.subarray(0, this.len));
    this.codes = next;
  }

  finish(n: number): ChunkColumn {
    const out = new Int32Array(n);
    out.set(this.codes.subarray(0, Math.min(this.len, n)));
    if (this.len < n) out.fill(-1, this.len, n);
    if (spareCodes.length < SPARES) spareCodes.push(this.codes);
    this.codes = new Int32Array(0);
    this.len = 0;
    return { kind: 'dict', codes: out, dict: this.dict.values };
  }
}

export type ColumnBuilder = NumberBuilder | DictBuilder;

/** The rows of one chunk: the time column plus named columns, with commit / rollback per row. */
export class ChunkBuilder {
  /** Rows committed so far; also the index the current row writes at. */
  n = 0;
  readonly time = new NumberBuilder();
  readonly columns = new Map<string, ColumnBuilder>();
  private readonly list: ColumnBuilder[] = [this.time];

  column(name: string, kind: 'number' | 'dict'): ColumnBuilder {
    let c = this.columns.get(name);
    if (!c) {
      c = kind === 'number' ? new NumberBuilder() : new DictBuilder();
      this.columns.set(name, c);
      this.list.push(c);
    }
    return c;
  }

  commit(): void {
    this.n++;
  }

  /** Forgets whatever the current (uncommitted) row wrote. */
  rollback(): void {
    for (const c of this.list) if (c.len > this.n) c.len = this.n;
  }

  finish(): ColumnChunk {
    const columns = new Map<string, ChunkColumn>();
    for (const [name, c] of this.columns) columns.set(name, c.finish(this.n));
    return { n: this.n, time: (this.time.finish(this.n) as { values: Float64Array }).values, columns };
  }
}
