/**
 * The aggregation query's Native columns → the engine's {@link SourceCells}: the window index,
 * each group column dictionary-coded (its values decoded once, not per cell), and each measure
 * finished from its parts as the measure-op table says.
 */
import { measureOp } from '../engine/measure-ops.ts';
import type { CodedValues, SourceCells } from '../engine/source.ts';
import type { MeasureSql } from './compile.ts';
import { parseNumber } from './decode.ts';
import type { ColumnKind } from './literals.ts';
import type { NativeColumn } from './native.ts';

/** A column's value in row `k` as the engine's value for a column of `kind` (null for NULL). */
function valueAt(col: NativeColumn, kind: ColumnKind, k: number): unknown {
  if (col.nulls && col.nulls[k] === 1) return null;
  if (col.kind === 'text') {
    // Read as TabSeparated text would be: the column's declared kind decides the value's type.
    const text = col.dict[col.codes[k]];
    return kind === 'string' ? text : kind === 'boolean' ? text !== '0' : parseNumber(text);
  }
  const v = col.values[k];
  return kind === 'boolean' ? v !== 0 : kind === 'string' ? String(v) : v;
}

/**
 * A group column as codes into its distinct values. Codes are renumbered in order of first use,
 * so values no cell holds (the placeholders ClickHouse writes under a NULL) never enter the
 * dictionary, and equal values (two byte strings that decode alike) share one code.
 */
function groupColumn(col: NativeColumn, kind: ColumnKind): CodedValues {
  const n = col.kind === 'text' ? col.codes.length : col.values.length;
  const codes = new Int32Array(n);
  const dict: unknown[] = [];
  const byValue = new Map<unknown, number>();
  const code = (value: unknown): number => {
    let c = byValue.get(value);
    if (c === undefined) {
      byValue.set(value, (c = dict.length));
      dict.push(value);
    }
    return c;
  };
  const nulls = col.nulls;
  if (col.kind === 'text') {
    // Per source code, its final code, found on first use.
    const remap = new Int32Array(col.dict.length).fill(-1);
    for (let k = 0; k < n; k++) {
      if (nulls && nulls[k] === 1) {
        codes[k] = code(null);
        continue;
      }
      const c = col.codes[k];
      codes[k] = remap[c] >= 0 ? remap[c] : (remap[c] = code(valueAt(col, kind, k)));
    }
  } else {
    for (let k = 0; k < n; k++) codes[k] = code(valueAt(col, kind, k));
  }
  return { dict, codes };
}

/** One measure's values from its part columns. */
function measureValues(m: MeasureSql, parts: NativeColumn[], n: number): ArrayLike<unknown> {
  const { empty, finish, reportsValue } = measureOp(m.plan.op);
  // A numeric op over a column with no values: every cell is empty.
  if (m.needsNoValues) return empty === 0 ? new Float64Array(n) : new Array<unknown>(n).fill(null);
  if (reportsValue) return Array.from({ length: n }, (_, k) => valueAt(parts[0], m.kind!, k));
  const nums = parts.map((p) => {
    if (p.kind !== 'number') throw new Error(`ClickHouse: measure ${m.plan.name} came back as ${p.type}, not a number`);
    return p;
  });
  const part = (p: (typeof nums)[number], k: number) => (p.nulls && p.nulls[k] === 1 ? null : p.values[k]);
  if (finish) return Array.from({ length: n }, (_, k) => finish(nums.map((p) => part(p, k))));
  const [p] = nums;
  if (empty === 0) {
    // Never null: a Float64Array, NULL (no value in the cell) read as 0.
    if (!p.nulls) return p.values;
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = p.nulls[k] === 1 ? 0 : p.values[k];
    return out;
  }
  return Array.from({ length: n }, (_, k) => part(p, k));
}

/**
 * The cells of an aggregation query's result: column 0 the window index, then one column per
 * group, then each measure's parts in order.
 */
export function toSourceCells(columns: NativeColumn[], groupKinds: ColumnKind[], measures: MeasureSql[]): SourceCells {
  const width = 1 + groupKinds.length + measures.reduce((a, m) => a + m.exprs.length, 0);
  if (columns.length === 0) {
    return { window: new Float64Array(0), groups: groupKinds.map(() => []), measures: measures.map(() => []) };
  }
  if (columns.length !== width) throw new Error(`ClickHouse: the result has ${columns.length} columns, expected ${width}`);
  const w = columns[0];
  if (w.kind !== 'number') throw new Error(`ClickHouse: the window index came back as ${w.type}`);
  const n = w.values.length;
  let at = 1 + groupKinds.length;
  return {
    window: w.values,
    groups: groupKinds.map((kind, j) => groupColumn(columns[1 + j], kind)),
    measures: measures.map((m) => {
      const parts = columns.slice(at, (at += m.exprs.length));
      return measureValues(m, parts, n);
    }),
  };
}
