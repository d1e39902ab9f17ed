/**
 * One appended batch → one new part, at a cost in proportion to the batch: its rows are sorted
 * by time (ties in arrival order) and coded with the events object's dictionaries, which only
 * grow (./dicts.ts); nothing already stored is read or written. The part is prepared first and
 * committed after, so a batch that fails (a value that does not fit its column) changes nothing.
 */
import { QueryError } from '../../errors.ts';
import { sharedBuffer } from '../buffers.ts';
import { sortTimes } from '../sort.ts';
import type { ChunkColumn, ColumnChunk } from './chunk.ts';
import { codeNumbers, describeValue, fromBigInt } from './columns.ts';
import { EventsDict } from './dicts.ts';
import type { NonNumeric, Part, PartColumn } from './part.ts';

/** How the events object stores a column: numbers, or codes of its dictionary. */
export type ColumnSpec = { kind: 'number' } | { kind: 'dict'; dict: EventsDict };

/** A part ready to add, and what adding it changes besides. */
export interface PreparedPart {
  part: Part;
  /** Columns the events object has not had before. */
  newColumns: Map<string, ColumnSpec>;
  /** Values each dictionary gains, in code order. */
  newValues: Map<EventsDict, unknown[]>;
  /**
   * Number columns that must become dictionary columns, because the batch brings a value that
   * is not a number: the new spec, and the stored parts with that column recoded. The one case
   * where an append rewrites stored events (a column changing type), as a load of all the events
   * at once would have coded the column that way from the start.
   */
  promoted: Map<string, ColumnSpec>;
  parts: Part[] | null;
}

function numericValue(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return fromBigInt(v);
  return null;
}

/**
 * Codes a batch's part (sorted, with dictionaries of its own, as the part builder makes it) into
 * a part of the events object whose columns are `schema` and whose parts are `stored`: its rows
 * stay where they are, only its codes change. Nothing is changed until the caller commits.
 */
export function codePart(part: Part, schema: Map<string, ColumnSpec>, stored: Part[]): PreparedPart {
  const columns = new Map<string, ChunkColumn>();
  const nonNumeric = new Map<string, NonNumeric | null>();
  for (const [name, col] of part.columns) {
    if (col.kind === 'number') {
      columns.set(name, { kind: 'number', values: col.values });
      continue;
    }
    const nullCode = col.dict.length;
    columns.set(name, { kind: 'dict', codes: col.codes.map((c) => (c === nullCode ? -1 : c)), dict: col.dict });
    nonNumeric.set(name, col.nonNumeric && { row: part.firstSeq + col.nonNumeric.row, value: col.nonNumeric.value });
  }
  const prepared = preparePart({ n: part.n, time: part.time, columns }, part.firstSeq, schema, stored, true);
  for (const [name, col] of prepared.part.columns) if (col.kind === 'dict') col.nonNumeric = nonNumeric.get(name) ?? null;
  return prepared;
}

/**
 * Codes `chunk` (rows in arrival order, the first arriving as `firstSeq`) into a part of the
 * events object whose columns are `schema` and whose parts are `stored`. Nothing is changed
 * until the caller commits.
 */
export function preparePart(
  chunk: ColumnChunk,
  firstSeq: number,
  schema: Map<string, ColumnSpec>,
  stored: Part[],
  sorted = false,
): PreparedPart {
  const n = chunk.n;
  let time = chunk.time,
    perm: Uint32Array | null = null;
  if (!sorted) {
    const times = new Float64Array(sharedBuffer(n * 8));
    times.set(chunk.time.subarray(0, n));
    ({ time, perm } = sortTimes(times));
  }
  const columns = new Map<string, PartColumn>();
  const newColumns = new Map<string, ColumnSpec>();
  const newValues = new Map<EventsDict, unknown[]>();
  const promoted = new Map<string, ColumnSpec>();
  let parts: Part[] | null = null;
  for (const [name, col] of chunk.columns) {
    let spec = schema.get(name);
    if (spec?.kind === 'number' && col.kind === 'dict' && col.dict.some((v) => numericValue(v) === null)) {
      const recoded = numbersToCodes(parts ?? stored, name);
      spec = recoded.spec;
      parts = recoded.parts;
      promoted.set(name, spec);
    }
    if (!spec) {
      spec = col.kind === 'number' ? { kind: 'number' } : { kind: 'dict', dict: new EventsDict([]) };
      newColumns.set(name, spec);
    }
    if (spec.kind === 'number') columns.set(name, { kind: 'number', values: numbersOf(col, n, perm, name, firstSeq) });
    else columns.set(name, codesOf(col, n, perm, spec.dict, newValues, firstSeq));
  }
  return { part: { n, firstSeq, time, columns }, newColumns, newValues, promoted, parts };
}

/** A number column of stored parts as a dictionary column (numbers ascending, then null): new parts, the column replaced. */
function numbersToCodes(parts: Part[], name: string): { spec: ColumnSpec; parts: Part[] } {
  const uniques = new Set<number>();
  for (const p of parts) {
    const col = p.columns.get(name);
    if (col?.kind === 'number') for (const v of col.values) if (v === v) uniques.add(v);
  }
  const sorted = [...uniques].sort((a, b) => a - b);
  const dict = new EventsDict(sorted);
  const rank = new Map(sorted.map((v, r) => [v, r]));
  const recoded = parts.map((p): Part => {
    const col = p.columns.get(name);
    if (col?.kind !== 'number') return p;
    const codes = new Int32Array(sharedBuffer(p.n * 4));
    for (let i = 0; i < p.n; i++) codes[i] = col.values[i] === col.values[i] ? rank.get(col.values[i])! : dict.nullCode;
    const columns = new Map(p.columns);
    columns.set(name, { kind: 'dict', codes, dict: dict.values, nonNumeric: null });
    return { ...p, columns };
  });
  return { spec: { kind: 'dict', dict }, parts: recoded };
}

function numbersOf(col: ChunkColumn, n: number, perm: Uint32Array | null, name: string, firstSeq: number): Float64Array {
  let src: Float64Array;
  if (col.kind === 'number') src = col.values;
  else {
    const byCode = col.dict.map((v, c) => {
      const x = numericValue(v);
      if (x !== null) return x;
      const row = col.codes.indexOf(c);
      throw new QueryError([
        {
          path: [`events[${firstSeq + row}]`, name],
          message: `${describeValue(v)} does not fit: '${name}' holds numbers in these events`,
        },
      ]);
    });
    src = new Float64Array(n);
    for (let i = 0; i < n; i++) src[i] = col.codes[i] < 0 ? NaN : byCode[col.codes[i]];
  }
  const out = new Float64Array(sharedBuffer(n * 8));
  if (perm) for (let q = 0; q < n; q++) out[q] = src[perm[q]];
  else out.set(src.subarray(0, n));
  return out;
}

function codesOf(
  col: ChunkColumn,
  n: number,
  perm: Uint32Array | null,
  dict: EventsDict,
  newValues: Map<EventsDict, unknown[]>,
  firstSeq: number,
): PartColumn {
  // The chunk's own codes (-1 null) over its own dictionary, whatever kind it came as.
  let local: Int32Array, values: unknown[];
  if (col.kind === 'dict') {
    local = col.codes;
    values = col.dict;
  } else {
    local = new Int32Array(n);
    values = [];
    codeNumbers(col.values, n, local, new Map(), values);
  }
  let added = newValues.get(dict);
  if (!added) newValues.set(dict, (added = []));
  // New values take the codes after the dictionary's current ones (after a null slot, which
  // the dictionary's first added value opens when null is its last code).
  const next = () => Math.max(dict.values.length, dict.nullCode + 1) + added!.length;
  const remap = new Int32Array(values.length + 1);
  remap[0] = dict.nullCode;
  values.forEach((v, i) => {
    let code = dict.code(v);
    if (code === undefined) {
      code = next();
      added!.push(v);
    }
    remap[i + 1] = code;
  });
  const codes = new Int32Array(sharedBuffer(n * 4));
  if (perm) for (let q = 0; q < n; q++) codes[q] = remap[local[perm[q]] + 1];
  else for (let q = 0; q < n; q++) codes[q] = remap[local[q] + 1];
  return { kind: 'dict', codes, dict: dict.values, nonNumeric: firstNonNumeric(local, values, n, firstSeq) };
}

function firstNonNumeric(local: Int32Array, values: unknown[], n: number, firstSeq: number): NonNumeric | null {
  const bad = values.map((v) => numericValue(v) === null);
  if (!bad.includes(true)) return null;
  for (let i = 0; i < n; i++) if (local[i] >= 0 && bad[local[i]]) return { row: firstSeq + i, value: values[local[i]] };
  return null;
}

/** Commits a prepared part's dictionary values and columns (the caller adds the part itself). */
export function commitPart(prepared: PreparedPart, schema: Map<string, ColumnSpec>): void {
  for (const [dict, values] of prepared.newValues) if (values.length) dict.add(values);
  for (const [name, spec] of prepared.newColumns) schema.set(name, spec);
  for (const [name, spec] of prepared.promoted) schema.set(name, spec);
}
