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

/**
 * The merged order as two monotonic position maps: row i of `a` goes to `toA[i]`, row j of `b`
 * to `toB[j]`. Each column is then copied with two branch-free loops whose writes move forward,
 * instead of one loop that picks a side per row (a branch the CPU cannot predict).
 */
function interleave(a: Float64Array, b: Float64Array): { time: Float64Array; toA: Uint32Array; toB: Uint32Array } {
  const n = a.length + b.length;
  const time = new Float64Array(sharedBuffer(n * 8));
  const toA = new Uint32Array(a.length), toB = new Uint32Array(b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) {
    if (b[j] < a[i]) { toB[j] = k; time[k++] = b[j++]; } else { toA[i] = k; time[k++] = a[i++]; }
  }
  while (i < a.length) { toA[i] = k; time[k++] = a[i++]; }
  while (j < b.length) { toB[j] = k; time[k++] = b[j++]; }
  return { time, toA, toB };
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

function mergeColumn(a: PartColumn | undefined, b: PartColumn | undefined, toA: Uint32Array, toB: Uint32Array): PartColumn {
  const na = toA.length, nb = toB.length;
  const ca = a ?? nullNumbers(na), cb = b ?? nullNumbers(nb);
  const n = na + nb;
  if (ca.kind === 'number' && cb.kind === 'number') {
    const out = new Float64Array(sharedBuffer(n * 8));
    const va = ca.values, vb = cb.values;
    for (let i = 0; i < na; i++) out[toA[i]] = va[i];
    for (let j = 0; j < nb; j++) out[toB[j]] = vb[j];
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
  const ac = da.codes, bc = db.codes;
  if (ac) for (let i = 0; i < na; i++) codes[toA[i]] = ra[ac[i]];
  else for (let i = 0; i < na; i++) codes[toA[i]] = nullCode;
  if (bc) for (let j = 0; j < nb; j++) codes[toB[j]] = rb[bc[j]];
  else for (let j = 0; j < nb; j++) codes[toB[j]] = nullCode;
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
  const { time, toA, toB } = interleave(older.time, newer.time);
  const names = [...older.columns.keys()];
  for (const name of newer.columns.keys()) if (!older.columns.has(name)) names.push(name);
  const columns = new Map<string, PartColumn>();
  for (const name of names) {
    columns.set(name, mergeColumn(older.columns.get(name), newer.columns.get(name), toA, toB));
  }
  return { n: older.n + newer.n, firstSeq: older.firstSeq, time, columns };
}
