/**
 * Chunks → one part: the rows of every chunk, sorted by time (ties in input order), each column
 * gathered into shared memory, each dictionary merged and put in value order.
 *
 * Memory stays near the size of the result: the chunks' times are copied into one array the
 * sort then reuses as scratch, and each column of every chunk is dropped as soon as it has been
 * gathered, so at most one column is held twice at any moment. The sort's scratch arrays, spent
 * once it is done, are reused as the first number and dictionary columns.
 *
 * A part is the unit an events object is made of (see ./events.ts): immutable once built, its
 * rows in (time, arrival) order. Arrival order inside a part is row order, so a part records
 * only where its arrival numbers start.
 */
import { sharedBuffer } from '../buffers.ts';
import { sortTimes, type SortedTimes } from '../sort.ts';
import { compareValues } from '../values.ts';
import type { ChunkColumn, ColumnChunk } from './chunk.ts';
import type { ChunkStats } from './stats.ts';
import { codeNumbers, fromBigInt } from './columns.ts';

/** The first row (in arrival order) holding something that is not a number, and that value. */
export interface NonNumeric {
  row: number;
  value: unknown;
}

/**
 * A column of a part, in time order. Numbers: NaN is null. Dictionary: `dict` ascending in the
 * engine's value order, so code order is value order; null is `dict.length`.
 */
export type PartColumn =
  | { kind: 'number'; values: Float64Array }
  | { kind: 'dict'; codes: Int32Array; dict: unknown[]; nonNumeric: NonNumeric | null };

export interface Part {
  n: number;
  /** Arrival number of the part's first row: row i of its input arrived as `firstSeq + i`. */
  firstSeq: number;
  /** Instants (epoch ms), ascending. */
  time: Float64Array;
  /** Every column but the time column, by name, in the order first seen. */
  columns: Map<string, PartColumn>;
  /** A part left in arrival order (./arrival.ts): its chunk's summary, when the chunk had one. */
  stats?: ChunkStats;
}

/**
 * Where each input row goes: `inv[g]` is the sorted position of input row g (null: already in
 * time order). Columns are scattered through it — sequential reads, scattered writes, which
 * measured 2–4× faster than gathering through the sort's permutation (scattered reads stall,
 * scattered writes are buffered).
 */
export interface Placement {
  n: number;
  bases: number[];
  inv: Uint32Array | null;
}

/**
 * Builds a part from chunks in input order. The chunks are consumed: their arrays are released
 * as they are gathered. `sorted` is the chunks' times already sorted (with `inverse`), when the
 * caller sorted them elsewhere, e.g. on a worker while it encoded.
 *
 * @example
 * const part = buildPartSync([{ n: 2, time: Float64Array.of(20, 10), columns: new Map([
 *   ['app', { kind: 'dict', codes: Int32Array.of(0, 1), dict: ['b', 'a'] }]]) }]);
 * part.time; // Float64Array [10, 20]
 * part.columns.get('app'); // { kind: 'dict', codes: Int32Array [0, 1], dict: ['a', 'b'], … }
 */
export function buildPartSync(chunks: ColumnChunk[], firstSeq = 0, sorted?: SortedTimes): Part {
  const bases: number[] = [];
  let n = 0;
  for (const c of chunks) {
    bases.push(n);
    n += c.n;
  }
  // The chunks' times are copied (or are the array the sort consumes) and dropped before the
  // sort allocates its scratch, so they are not held through it.
  sorted ??= sortTimes(takeTimes(chunks, chunks.length === 1 && chunks[0].time.length === n), true);
  for (const c of chunks) c.time = new Float64Array(0);
  const time = sorted.time;
  const place: Placement = { n, bases, inv: sorted.inv };

  const names: string[] = [];
  for (const c of chunks) for (const name of c.columns.keys()) if (!names.includes(name)) names.push(name);
  const columns = new Map<string, PartColumn>();
  // The sort's spent scratch becomes the first number column and the first dictionary column,
  // so building a part allocates two fewer arrays (every cell is written, so garbage is fine).
  let spareKeys = sorted.spare?.keys ?? null;
  let spareRows = sorted.spare?.rows ?? null;
  for (const name of names) {
    const parts = chunks.map((c) => c.columns.get(name));
    if (parts.every((p) => !p || p.kind === 'number')) {
      columns.set(name, gatherNumbers(parts, place, spareKeys));
      spareKeys = null;
    } else {
      const codes = spareRows ? new Int32Array(spareRows.buffer, spareRows.byteOffset, n) : null;
      columns.set(name, gatherDict(parts, place, codes));
      spareRows = null;
    }
    for (const c of chunks) c.columns.delete(name);
  }
  return { n, firstSeq, time, columns };
}

/**
 * The chunks' times as one array, in shared memory unless `reuse` lets a lone chunk's own array
 * stand; the chunks' times are dropped.
 */
function takeTimes(chunks: ColumnChunk[], reuse = false): Float64Array {
  const n = chunks.reduce((s, c) => s + c.n, 0);
  let times: Float64Array;
  if (reuse) times = chunks[0].time;
  else {
    times = new Float64Array(sharedBuffer(n * 8));
    let at = 0;
    for (const c of chunks) {
      times.set(c.time.subarray(0, c.n), at);
      at += c.n;
    }
  }
  for (const c of chunks) c.time = new Float64Array(0);
  return times;
}

export function gatherNumbers(
  parts: (ChunkColumn | undefined)[],
  place: Placement,
  into: Float64Array | null = null,
): PartColumn {
  const out = into ?? new Float64Array(sharedBuffer(place.n * 8));
  parts.forEach((p, k) => {
    const base = place.bases[k],
      m = (k + 1 < parts.length ? place.bases[k + 1] : place.n) - base;
    const values = p?.kind === 'number' ? p.values : null,
      inv = place.inv;
    if (inv && values) for (let j = 0; j < m; j++) out[inv[base + j]] = values[j];
    else if (inv) for (let j = 0; j < m; j++) out[inv[base + j]] = NaN;
    else if (values) out.set(values.subarray(0, m), base);
    else out.fill(NaN, base, base + m);
  });
  return { kind: 'number', values: out };
}

/** A number chunk column as a dictionary one (first-seen order, NaN as null). */
export function numbersAsDict(values: Float64Array, m: number): { codes: Int32Array; dict: unknown[] } {
  const codes = new Int32Array(m);
  const dict: unknown[] = [];
  codeNumbers(values, m, codes, new Map(), dict);
  return { codes, dict };
}

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || (typeof v === 'bigint' && fromBigInt(v) !== null);
}

/**
 * One dictionary for the chunks' own (in input order): first-seen order across them, then ranked
 * by value, the dictionary one pass over all the rows would build. `remaps[k][code + 1]` is the
 * merged code of chunk k's `code` (index 0: null, -1, maps to `nullCode`).
 */
export function mergeDicts(locals: ({ dict: unknown[] } | null)[]): { dict: unknown[]; nullCode: number; remaps: Int32Array[] } {
  const global = new Map<unknown, number>();
  const uniques: unknown[] = [];
  const toGlobal = locals.map((l) => {
    if (!l) return null;
    const remap = new Int32Array(l.dict.length);
    l.dict.forEach((v, i) => {
      let g = global.get(v);
      if (g === undefined) {
        g = uniques.length;
        global.set(v, g);
        uniques.push(v);
      }
      remap[i] = g;
    });
    return remap;
  });
  const order = uniques.map((_, i) => i).sort((a, b) => compareValues(uniques[a], uniques[b]));
  const rank = new Int32Array(uniques.length);
  order.forEach((u, r) => {
    rank[u] = r;
  });
  const dict = order.map((u) => uniques[u]);
  const nullCode = dict.length;
  const remaps = locals.map((l, k) => {
    const remap = new Int32Array((l?.dict.length ?? 0) + 1);
    remap[0] = nullCode;
    toGlobal[k]?.forEach((g, i) => {
      remap[i + 1] = rank[g];
    });
    return remap;
  });
  return { dict, nullCode, remaps };
}

function gatherDict(parts: (ChunkColumn | undefined)[], place: Placement, into: Int32Array | null = null): PartColumn {
  const sizes = parts.map((_, k) => (k + 1 < parts.length ? place.bases[k + 1] : place.n) - place.bases[k]);
  const locals = parts.map((p, k) => (!p ? null : p.kind === 'dict' ? p : numbersAsDict(p.values, sizes[k])));
  const { dict, nullCode, remaps } = mergeDicts(locals);

  let nonNumeric: NonNumeric | null = null;
  const codesOut = into ?? new Int32Array(sharedBuffer(place.n * 4));
  locals.forEach((l, k) => {
    const base = place.bases[k],
      m = sizes[k];
    const remap = remaps[k];
    const codes = l?.codes ?? null,
      inv = place.inv;
    if (!nonNumeric && l) nonNumeric = firstNonNumeric(l.codes, l.dict, m, base);
    if (inv && codes) for (let j = 0; j < m; j++) codesOut[inv[base + j]] = remap[codes[j] + 1];
    else if (inv) for (let j = 0; j < m; j++) codesOut[inv[base + j]] = nullCode;
    else if (codes) for (let j = 0; j < m; j++) codesOut[base + j] = remap[codes[j] + 1];
    else codesOut.fill(nullCode, base, base + m);
  });
  return { kind: 'dict', codes: codesOut, dict, nonNumeric };
}

export function firstNonNumeric(codes: Int32Array, dict: unknown[], m: number, base: number): NonNumeric | null {
  const bad = dict.map((v) => !isNumeric(v));
  if (!bad.includes(true)) return null;
  for (let j = 0; j < m; j++) {
    const c = codes[j];
    if (c >= 0 && bad[c]) return { row: base + j, value: dict[c] };
  }
  return null;
}

/** One chunk column put in time order through `inv` (from `sortTimes(t, true)`; null: already in order). */
export function placeColumn(column: ChunkColumn, n: number, inv: Uint32Array | null, asDict = false): PartColumn {
  const place: Placement = { n, bases: [0], inv };
  return column.kind === 'number' && !asDict ? gatherNumbers([column], place) : gatherDict([column], place);
}
