/**
 * Arrow record batches → chunks. flechette decodes the messages into views of the batch's
 * buffers, which are handed to the column-at-a-time writer as {@link BatchColumn}s: utf8 (and
 * large utf8) as its offsets and bytes, dictionary-encoded columns as their codes, numbers as
 * their typed arrays, 64-bit integers, timestamps and dates converted to the very numbers
 * flechette would give (without a BigInt per cell). Anything else goes through flechette's own
 * values.
 */
import { type Batch, type Column, DateUnit, Precision, tableFromIPC, TimeUnit, Type } from '@uwdata/flechette';
import type { BatchColumn, RowsScan } from './columnar.ts';
import { scanBatch } from './batch-scan.ts';
import type { Rules } from './rules.ts';

type Numbers = Extract<BatchColumn, { kind: 'number' }>['values'];
type Codes = Extract<BatchColumn, { kind: 'dictionary' }>['codes'];

/** The batch's buffers, as flechette exposes them (fields its typings keep to themselves). */
interface BatchBuffers {
  type: { typeId: number; bitWidth?: number; precision?: number; unit?: number };
  length: number;
  nullCount: number;
  validity?: Uint8Array;
  values?: unknown;
  offsets?: unknown;
  cache?: unknown[];
}

function isCodes(a: unknown): a is Codes {
  return (
    a instanceof Int32Array ||
    a instanceof Uint32Array ||
    a instanceof Int16Array ||
    a instanceof Uint16Array ||
    a instanceof Int8Array ||
    a instanceof Uint8Array
  );
}

function isNumbers(a: unknown): a is Numbers {
  return isCodes(a) || a instanceof Float64Array || a instanceof Float32Array;
}

const TWO32 = 4294967296;

/**
 * 64-bit integers (read as 32-bit halves) as the numbers flechette gives: `v * scale` when
 * `divisor` is 1 and every present `v` is a safe integer (flechette throws otherwise, so such a
 * batch is left to it), else `trunc(v / divisor) + (v % divisor) / divisor`, computed exactly
 * from the halves. Null when the halves would not give exact intermediates.
 */
function int64Numbers(b: BatchBuffers, signed: boolean, divisor: number, scale: number): Float64Array | null {
  const big = b.values as BigInt64Array | BigUint64Array;
  const n = b.length;
  const halves = new Int32Array(big.buffer, big.byteOffset, n * 2);
  const validity = b.nullCount > 0 && b.validity ? b.validity : null;
  const out = new Float64Array(n);
  const k = Math.floor(TWO32 / divisor);
  const m = TWO32 % divisor;
  // |hi| below 2^21 keeps hi·k and the whole value within 2^53 for divisors up to 1000.
  const limit = divisor >= 1e6 ? Infinity : 2 ** 21;
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0) continue;
    const lo = halves[2 * i] >>> 0;
    const hi = signed ? halves[2 * i + 1] : halves[2 * i + 1] >>> 0;
    if (divisor === 1) {
      const v = hi * TWO32 + lo;
      if (v > Number.MAX_SAFE_INTEGER || v < Number.MIN_SAFE_INTEGER) return null;
      out[i] = v * scale;
      continue;
    }
    if (hi >= limit || hi <= -limit) return null;
    // v = hi·2^32 + lo = (hi·k)·divisor + (hi·m + lo), each part exact.
    const rest = hi * m + lo;
    let q = hi * k + Math.floor(rest / divisor);
    let r = rest - Math.floor(rest / divisor) * divisor;
    if (r < 0) {
      q -= 1;
      r += divisor;
    } else if (r >= divisor) {
      q += 1;
      r -= divisor;
    }
    // BigInt division truncates toward zero and the remainder takes the dividend's sign.
    if (q < 0 && r > 0) {
      q += 1;
      r -= divisor;
    }
    out[i] = q + r / divisor;
  }
  return out;
}

/** The numbers flechette gives for a 64-bit integer, timestamp or date batch, or null. */
function converted(b: BatchBuffers): Float64Array | null {
  const { typeId, bitWidth, unit } = b.type;
  if (typeId === Type.Date && unit === DateUnit.DAY && b.values instanceof Int32Array) {
    const out = new Float64Array(b.length);
    for (let i = 0; i < out.length; i++) out[i] = 86400000 * b.values[i];
    return out;
  }
  if (!(b.values instanceof BigInt64Array || b.values instanceof BigUint64Array)) return null;
  const isSigned = b.values instanceof BigInt64Array;
  if (typeId === Type.Timestamp) {
    if (unit === TimeUnit.SECOND) return int64Numbers(b, isSigned, 1, 1e3);
    if (unit === TimeUnit.MILLISECOND) return int64Numbers(b, isSigned, 1, 1);
    return int64Numbers(b, isSigned, unit === TimeUnit.MICROSECOND ? 1000 : 1e6, 1);
  }
  if ((typeId === Type.Int || typeId === Type.Time || typeId === Type.Duration) && bitWidth === 64) {
    return int64Numbers(b, isSigned, 1, 1);
  }
  if (typeId === Type.Date) return int64Numbers(b, isSigned, 1, 1);
  return null;
}

/** Large (64-bit) utf8 offsets as 32-bit ones, when every one fits; else null. */
function smallOffsets(big: BigInt64Array, n: number): Int32Array | null {
  if (big.length < n + 1) return null;
  const halves = new Int32Array(big.buffer, big.byteOffset, (n + 1) * 2);
  const out = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    if (halves[2 * i + 1] !== 0 || halves[2 * i] < 0) return null;
    out[i] = halves[2 * i];
  }
  return out;
}

/** One column of one record batch as raw buffers, or through flechette's values. */
function batchColumn(column: Column<unknown>): BatchColumn {
  const data = column.data as unknown as Batch<unknown>[];
  if (data.length === 1) {
    const b = data[0] as unknown as BatchBuffers;
    const validity = b.nullCount > 0 && b.validity ? b.validity : null;
    const { typeId, bitWidth, precision } = b.type;
    if (typeId === Type.Utf8 && b.values instanceof Uint8Array && b.offsets instanceof Int32Array) {
      return { kind: 'utf8', values: b.values, offsets: b.offsets, validity };
    }
    if (typeId === Type.LargeUtf8 && b.values instanceof Uint8Array && b.offsets instanceof BigInt64Array) {
      const offsets = smallOffsets(b.offsets, b.length);
      if (offsets !== null) return { kind: 'utf8', values: b.values, offsets, validity };
    }
    if (
      ((typeId === Type.Int && (bitWidth ?? 64) < 64) || (typeId === Type.Float && precision !== Precision.HALF)) &&
      isNumbers(b.values)
    ) {
      return { kind: 'number', values: b.values, validity };
    }
    if (typeId === Type.Dictionary && isCodes(b.values) && b.cache) {
      // flechette has decoded the dictionary's values already (it does so for every batch).
      return { kind: 'dictionary', codes: b.values, dictionary: { kind: 'values', values: b.cache }, validity };
    }
    const numbers = converted(b);
    if (numbers !== null) return { kind: 'number', values: numbers, validity };
  }
  return { kind: 'values', values: column.toArray() as ArrayLike<unknown> };
}

/** One Arrow record batch, given with its schema and dictionary messages. */
export function scanArrowBatch(messages: Uint8Array[], rules: Rules): RowsScan {
  const table = tableFromIPC(messages);
  const names = (table.names as string[]).filter((n) => rules.rule(n) !== null);
  const columns = names.map((n) => batchColumn(table.getChild(n)));
  return scanBatch(names, columns, table.numRows, rules);
}
