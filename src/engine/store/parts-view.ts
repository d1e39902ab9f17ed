/**
 * The encoded view queries read (`Encoded` in ../table.ts) over an events object's parts as they
 * stand at one moment: a snapshot, so a query that started before an append or a merge reads the
 * parts it started with. Dimension columns are read straight from the parts (their codes share
 * the events object's dictionary); a column a part lacks reads as null there. The other form a
 * query may ask of a column (numbers of a dictionary column, a dictionary of a number column) is
 * derived per part and kept with the part, which never changes.
 */
import type { DimColumn, Encoded } from '../table.ts';
import type { ColumnSpec } from './append.ts';
import type { NonNumeric, Part } from './part.ts';
import { dictToNumbers, numbersToDim } from './view.ts';
import { compareValues } from '../values.ts';
import { sharedBuffer } from '../buffers.ts';

// Every array a query reads goes to the workers: shared memory, so a task never copies it.
const sharedI32 = (n: number) => new Int32Array(sharedBuffer(n * 4));
const sharedF64 = (n: number) => new Float64Array(sharedBuffer(n * 8));

/** Arrays derived from a part, by column: kept as long as the part is. */
const derived = new WeakMap<Part, Map<string, Float64Array | Int32Array>>();

function cached<T extends Float64Array | Int32Array>(part: Part, key: string, make: () => T): T {
  let m = derived.get(part);
  if (!m) derived.set(part, (m = new Map()));
  let a = m.get(key) as T | undefined;
  if (!a) m.set(key, (a = make()));
  return a;
}

/** The part's codes of a dictionary column (all `nullCode` where the part lacks it). */
function partCodes(part: Part, name: string, nullCode: number): Int32Array {
  const col = part.columns.get(name);
  if (col?.kind === 'dict') return col.codes;
  return cached(part, `null:${name}`, () => sharedI32(part.n).fill(nullCode));
}

/** The part's numbers of a number column (NaN where the part lacks it). */
function partNumbers(part: Part, name: string): Float64Array {
  const col = part.columns.get(name);
  if (col?.kind === 'number') return col.values;
  return cached(part, `nan:${name}`, () => sharedF64(part.n).fill(NaN));
}

/** Numbers grouped by: one dictionary in value order over every part, each part's codes in it. */
function numbersAsDim(parts: Part[], name: string): DimColumn {
  if (parts.length === 1) return numbersToDim(partNumbers(parts[0], name));
  const uniques = new Set<number>();
  for (const p of parts) for (const v of partNumbers(p, name)) if (v === v) uniques.add(v);
  const dict = [...uniques].sort((a, b) => a - b);
  const rank = new Map(dict.map((v, r) => [v, r]));
  const nullCode = dict.length;
  const codes = parts.map((p) => {
    const values = partNumbers(p, name),
      out = sharedI32(p.n);
    for (let i = 0; i < p.n; i++) out[i] = values[i] === values[i] ? rank.get(values[i])! : nullCode;
    return out;
  });
  return { codes, dict, nullCode, order: () => null };
}

/**
 * A snapshot view of `parts` (in arrival order). `schema` says how each column is stored;
 * `time` is the time column's name.
 */
export function partsView(parts: Part[], time: string, schema: Map<string, ColumnSpec>): Encoded {
  const n = parts.reduce((s, p) => s + p.n, 0);
  // Dictionary sizes as of the snapshot: later appends may add codes no part here uses.
  const sizes = new Map<string, number>();
  for (const [name, spec] of schema) if (spec.kind === 'dict') sizes.set(name, spec.dict.size);
  const dims = new Map<string, DimColumn>();
  const nums = new Map<string, Float64Array[] | { badRow: number; value: unknown }>();
  const none = (): DimColumn => ({ codes: parts.map((p) => sharedI32(p.n)), dict: [], nullCode: 0, order: () => null });
  return {
    n,
    times: parts.map((p) => p.time),
    hasColumn: (c) => n === 0 || c === time || schema.has(c),
    dim(c) {
      let d = dims.get(c);
      if (!d) {
        const spec = schema.get(c);
        if (c === time) d = timesAsDim(parts);
        else if (!spec) d = none();
        else if (spec.kind === 'number') d = numbersAsDim(parts, c);
        else {
          const dict = spec.dict,
            size = sizes.get(c)!;
          d = {
            codes: parts.map((p) => partCodes(p, c, dict.nullCode)),
            dict: size > dict.nullCode ? dict.values.slice(0, size) : dict.values.slice(0, dict.nullCode),
            nullCode: dict.nullCode,
            order: () => dict.order(size),
          };
        }
        dims.set(c, d);
      }
      return d;
    },
    num(c) {
      let v = nums.get(c);
      if (!v) {
        const spec = schema.get(c);
        if (c === time) v = parts.map((p) => p.time);
        else if (!spec || spec.kind === 'number') v = parts.map((p) => partNumbers(p, c));
        else {
          let bad: NonNumeric | null = null;
          for (const p of parts) {
            const col = p.columns.get(c);
            if (col?.kind === 'dict' && col.nonNumeric && (!bad || col.nonNumeric.row < bad.row)) bad = col.nonNumeric;
          }
          const values = spec.dict.values;
          v = bad
            ? { badRow: bad.row, value: bad.value }
            : parts.map((p) =>
                cached(p, `num:${c}`, () =>
                  dictToNumbers(partCodes(p, c, spec.dict.nullCode), dictOrNull(values, spec.dict.nullCode)),
                ),
              );
        }
        nums.set(c, v);
      }
      return v;
    },
  };
}

/** The dictionary as `dictToNumbers` reads it: null is the code after the values, so give it a slot that reads as NaN. */
function dictOrNull(values: unknown[], nullCode: number): unknown[] {
  return values.map((v, c) => (c === nullCode ? NaN : v));
}

function timesAsDim(parts: Part[]): DimColumn {
  const uniques = new Set<number>();
  for (const p of parts) for (const v of p.time) uniques.add(v);
  const dict = [...uniques].sort((a, b) => compareValues(a, b));
  const rank = new Map(dict.map((v, r) => [v, r]));
  return {
    codes: parts.map((p) => {
      const out = sharedI32(p.n);
      for (let i = 0; i < p.n; i++) out[i] = rank.get(p.time[i])!;
      return out;
    }),
    dict,
    nullCode: dict.length,
    order: () => null,
  };
}
