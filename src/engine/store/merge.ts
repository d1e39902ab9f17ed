/**
 * Two parts → one, as if their rows had been loaded together: rows in (time, arrival) order —
 * `older` holds the earlier arrivals, so on equal instants its rows come first — dictionaries
 * united and ranked by value again, codes remapped on the way. One linear pass per column: no
 * sort, no re-encoding of values, and every array of the result is written exactly once.
 *
 * The result equals what one load of both inputs builds, array for array, so queries over
 * appended events give exactly what a single load gives (floating sums included).
 */
import { sharedBuffer } from '../buffers.ts';
import { compareValues } from '../values.ts';
import type { NonNumeric, Part, PartColumn } from './part.ts';

/** `older` then `newer` rows merged by time; `take[k]` is 0 when row k of the result comes from `older`. */
function interleave(a: Float64Array, b: Float64Array): { time: Float64Array; fromB: Uint8Array } {
  const n = a.length + b.length;
  const time = new Float64Array(sharedBuffer(n * 8));
  const fromB = new Uint8Array(n);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) {
    if (b[j] < a[i]) { time[k] = b[j++]; fromB[k++] = 1; } else time[k++] = a[i++];
  }
  while (i < a.length) time[k++] = a[i++];
  while (j < b.length) { time[k] = b[j++]; fromB[k++] = 1; }
  return { time, fromB };
}

/** A number column of `n` nulls, for a part that lacks the column. */
const nullNumbers = (n: number): PartColumn => ({ kind: 'number', values: new Float64Array(n).fill(NaN) });

/** A column as a dictionary (number columns become one of their distinct values). */
function asDict(col: PartColumn): { codes: Int32Array; dict: unknown[]; nonNumeric: NonNumeric | null } {
  if (col.kind === 'dict') return col;
  const values = col.values;
  const distinct = [...new Set(Array.from(values).filter((v) => v === v))].sort((x, y) => x - y);
  const rank = new Map(distinct.map((v, r) => [v, r]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = values[i] === values[i] ? rank.get(values[i])! : distinct.length;
  // (Scratch only: mergeColumn copies these codes into shared memory.)
  return { codes, dict: distinct, nonNumeric: null };
}

function mergeColumn(a: PartColumn | undefined, b: PartColumn | undefined, na: number, nb: number, fromB: Uint8Array): PartColumn {
  const ca = a ?? nullNumbers(na), cb = b ?? nullNumbers(nb);
  const n = na + nb;
  if (ca.kind === 'number' && cb.kind === 'number') {
    const out = new Float64Array(sharedBuffer(n * 8));
    for (let k = 0, i = 0, j = 0; k < n; k++) out[k] = fromB[k] ? cb.values[j++] : ca.values[i++];
    return { kind: 'number', values: out };
  }
  const da = a ? asDict(ca) : { codes: null, dict: [], nonNumeric: null };
  const db = b ? asDict(cb) : { codes: null, dict: [], nonNumeric: null };
  const union = [...da.dict];
  const seen = new Set(union);
  for (const v of db.dict) if (!seen.has(v)) { seen.add(v); union.push(v); }
  // Stable: values that compare equal (objects) keep the older part's order first, as one load would.
  const dict = union.map((v, i) => ({ v, i })).sort((x, y) => compareValues(x.v, y.v) || x.i - y.i).map((e) => e.v);
  const rank = new Map(dict.map((v, r) => [v, r]));
  const nullCode = dict.length;
  const remap = (d: unknown[]) => Int32Array.from([...d.map((v) => rank.get(v)!), nullCode]);
  const ra = remap(da.dict), rb = remap(db.dict);
  const codes = new Int32Array(sharedBuffer(n * 4));
  const ac = da.codes, bc = db.codes, aNull = da.dict.length, bNull = db.dict.length;
  for (let k = 0, i = 0, j = 0; k < n; k++) {
    codes[k] = fromB[k] ? (bc ? rb[bc[j++]] : (j++, nullCode)) : (ac ? ra[ac[i++]] : (i++, nullCode));
  }
  void aNull; void bNull;
  const nonNumeric = da.nonNumeric ?? (db.nonNumeric && { row: db.nonNumeric.row + na, value: db.nonNumeric.value });
  return { kind: 'dict', codes, dict, nonNumeric };
}

/**
 * Merges `newer` (later arrivals) into `older`.
 *
 * @example
 * const merged = mergeParts(loadedPart, appendedPart); // merged.n === loadedPart.n + appendedPart.n
 */
export function mergeParts(older: Part, newer: Part): Part {
  const { time, fromB } = interleave(older.time, newer.time);
  const names = [...older.columns.keys()];
  for (const name of newer.columns.keys()) if (!older.columns.has(name)) names.push(name);
  const columns = new Map<string, PartColumn>();
  for (const name of names) {
    columns.set(name, mergeColumn(older.columns.get(name), newer.columns.get(name), older.n, newer.n, fromB));
  }
  return { n: older.n + newer.n, firstSeq: older.firstSeq, time, columns };
}
