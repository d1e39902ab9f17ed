/**
 * Events (an arquero table or an array of records) → encoded columns the kernel reads:
 * instants as a time-sorted Float64Array, dimensions as integer dictionary codes, numeric
 * measures as Float64Array with NaN for null. Every encoded array lives in a SharedArrayBuffer
 * (where the runtime has one) so shards reach workers without a copy.
 *
 * Encodings are cached per events object and time column: the second query on the same events
 * pays no encoding, and each column is encoded the first time a query needs it.
 */
import type { ColumnTable } from 'arquero';
import { QueryError } from '../errors.ts';
import { instantRangeMessage, isInstantMs, toEpochMs } from '../time.ts';
import { sharedBuffer } from './buffers.ts';
import { argsortTimes, isSorted } from './sort.ts';
import type { EventRecords } from './types.ts';
import { compareValues } from './values.ts';

/** A dimension: codes in time order; `dict` sorted ascending, so code order is value order; null is `dict.length`. */
export interface DimColumn {
  codes: Int32Array;
  dict: unknown[];
  nullCode: number;
}

/** Events in time order, with per-column encodings built on demand. */
export interface Encoded {
  n: number;
  time: Float64Array;
  dim(column: string): DimColumn;
  /** Numbers in time order (NaN = null), or the first row (input order) holding something else. */
  num(column: string): Float64Array | { badRow: number; value: unknown };
  hasColumn(column: string): boolean;
}

interface RawColumns {
  n: number;
  has(column: string): boolean;
  values(column: string): ArrayLike<unknown>;
}

export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(sharedBuffer(n * 8));
}

export function sharedInt32(n: number): Int32Array {
  return new Int32Array(sharedBuffer(n * 4));
}

function isColumnTable(events: unknown): events is ColumnTable {
  return typeof events === 'object' && events !== null && typeof (events as ColumnTable).columnNames === 'function' &&
    typeof (events as ColumnTable).array === 'function';
}

/**
 * A column's values in row order. `table.array()` copies through a per-row callback into a plain
 * Array (seconds at 10M rows), so an unfiltered table's backing array is read directly, and an
 * Arrow-backed column is converted once with its own `toArray()`.
 */
function tableColumn(t: ColumnTable, name: string): ArrayLike<unknown> {
  const col = t.column(name) as unknown as { toArray?: () => ArrayLike<unknown> } | ArrayLike<unknown>;
  if (!t.isFiltered() && !t.isOrdered()) {
    if (Array.isArray(col) || ArrayBuffer.isView(col)) return col as ArrayLike<unknown>;
    if (typeof (col as { toArray?: unknown }).toArray === 'function') {
      const arr = (col as { toArray: () => ArrayLike<unknown> }).toArray();
      if (arr.length === t.numRows()) return arr;
    }
  }
  return t.array(name) as ArrayLike<unknown>;
}

function rawColumns(events: ColumnTable | EventRecords): RawColumns {
  if (isColumnTable(events)) {
    const names = new Set(events.columnNames());
    return { n: events.numRows(), has: (c) => names.has(c), values: (c) => tableColumn(events, c) };
  }
  if (!Array.isArray(events)) throw new QueryError('must be an arquero table, an array of records, or an event source', 'events');
  const records = events as EventRecords;
  return {
    n: records.length,
    has: (c) => records.length === 0 || records.some((r) => r !== null && typeof r === 'object' && c in r),
    values: (c) => records.map((r) => r?.[c]),
  };
}

/** A value as an error message shows it: JSON where it has one, else its string form. */
export function describeValue(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

// Arrow int64 columns arrive as BigInt; within ±2^53 they are exact as numbers.
function fromBigInt(v: bigint): number | null {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

function parseTimes(values: ArrayLike<unknown>, column: string): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const t = typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'bigint' ? fromBigInt(v) : toEpochMs(v);
    if (t === null || !isInstantMs(t)) {
      throw new QueryError([{
        path: [`events[${i}]`, column],
        message: t !== null ? instantRangeMessage(t)
          : `${describeValue(v)} is not an instant (epoch ms, Date, or ISO-8601 with an offset)`,
      }]);
    }
    out[i] = t;
  }
  return out;
}

function encodeDim(values: ArrayLike<unknown>, perm: Uint32Array | null): DimColumn {
  const n = values.length;
  const firstCode = new Map<unknown, number>();
  const uniques: unknown[] = [];
  const tmp = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || v !== v) { tmp[i] = -1; continue; }
    let c = firstCode.get(v);
    if (c === undefined) { c = uniques.length; firstCode.set(v, c); uniques.push(v); }
    tmp[i] = c;
  }
  const order = uniques.map((_, i) => i).sort((a, b) => compareValues(uniques[a], uniques[b]));
  const rank = new Int32Array(uniques.length);
  order.forEach((u, r) => { rank[u] = r; });
  const dict = order.map((u) => uniques[u]);
  const nullCode = dict.length;
  const codes = sharedInt32(n);
  for (let i = 0; i < n; i++) {
    const c = tmp[perm ? perm[i] : i];
    codes[i] = c < 0 ? nullCode : rank[c];
  }
  return { codes, dict, nullCode };
}

function encodeNum(values: ArrayLike<unknown>, perm: Uint32Array | null): Float64Array | { badRow: number; value: unknown } {
  const n = values.length;
  let bigints = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'bigint' && fromBigInt(v) !== null) bigints = true;
    else if (typeof v !== 'number' && v !== null && v !== undefined) return { badRow: i, value: v };
  }
  const out = sharedFloat64(n);
  for (let i = 0; i < n; i++) {
    const v = values[perm ? perm[i] : i] as number | bigint | null | undefined;
    out[i] = v === null || v === undefined ? NaN : bigints && typeof v === 'bigint' ? Number(v) : (v as number);
  }
  return out;
}

function encodeEvents(raw: RawColumns, timeColumn: string): Encoded {
  const times = parseTimes(raw.values(timeColumn), timeColumn);
  const perm = isSorted(times) ? null : argsortTimes(times);
  const time = sharedFloat64(raw.n);
  for (let i = 0; i < raw.n; i++) time[i] = times[perm ? perm[i] : i];
  const dims = new Map<string, DimColumn>();
  const nums = new Map<string, Float64Array | { badRow: number; value: unknown }>();
  return {
    n: raw.n,
    time,
    hasColumn: (c) => raw.has(c),
    dim(c) {
      let d = dims.get(c);
      if (!d) dims.set(c, (d = encodeDim(raw.values(c), perm)));
      return d;
    },
    num(c) {
      let v = nums.get(c);
      if (!v) nums.set(c, (v = encodeNum(raw.values(c), perm)));
      return v;
    },
  };
}

const cache = new WeakMap<object, { raw: RawColumns; byTime: Map<string, Encoded> }>();

/**
 * The encoded, time-sorted view of `events` for `timeColumn`, built once and cached.
 * @throws QueryError when the time column is missing or holds a value that is not an instant.
 */
export function encode(events: ColumnTable | EventRecords, timeColumn: string): Encoded {
  let entry = cache.get(events);
  if (!entry) cache.set(events, (entry = { raw: rawColumns(events), byTime: new Map() }));
  let enc = entry.byTime.get(timeColumn);
  if (!enc) {
    if (!entry.raw.has(timeColumn)) throw new QueryError([{ path: ['time'], message: `unknown column '${timeColumn}'` }]);
    entry.byTime.set(timeColumn, (enc = encodeEvents(entry.raw, timeColumn)));
  }
  return enc;
}
